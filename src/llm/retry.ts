/** How the gateway waits between attempts on one provider. */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Longest Retry-After we wait for; a longer one moves on to the next provider. */
  maxRetryAfterMs: number;
}

/** Defaults: 0.5 s doubling to 8 s, jittered; honour Retry-After up to 60 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 500, capMs: 8_000, maxRetryAfterMs: 60_000 };

/** Exponential backoff with jitter for attempt n (0-based): between half and all of min(cap, base * 2^n). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Reads retry-after-ms, or Retry-After as seconds or an HTTP date, into milliseconds from `now`. */
export function parseRetryAfter(headers: Headers, now: Date): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
