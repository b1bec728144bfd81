/**
 * JSON parsing that keeps big integers exact. Some platforms send ids as JSON numbers wider than a double holds
 * (TikTok's 19-digit post ids): JSON.parse would round 1111796527610324005 to 1111796527610324000. Integers
 * beyond Number.MAX_SAFE_INTEGER come back as their digits, as strings.
 */

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

const keepBigIntegers: Reviver = (_key, value, context) =>
  typeof value === "number" && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source) ? context.source : value;

/** JSON.parse, with integers too big for a double kept as exact digit strings. */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(text, keepBigIntegers as Parameters<typeof JSON.parse>[1]);
}

/** A response body as JSON with big integers kept exact; `fallback` when the body is not JSON. */
export async function responseJsonExact(res: Response, fallback: unknown = {}): Promise<unknown> {
  const text = await res.text().catch(() => "");
  try {
    return parseJsonExact(text);
  } catch {
    return fallback;
  }
}
