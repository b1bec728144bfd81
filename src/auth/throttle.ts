import type { AppContext } from "../app/context";
import { normalizeEmail } from "../users/store";
import { clearFailuresForEmail, failuresForAddress, failuresForEmail, pruneLoginFailures, recordLoginFailure } from "./failures-store";

/** Why sign-in is refused for now and when it opens again. */
export interface LoginBlock {
  scope: "account" | "address";
  retryAt: Date;
}

/**
 * Whether this account or this address has used up its failed sign-ins within the window.
 * The block lifts when enough old failures leave the window to get back under the limit.
 */
export function loginBlock(ctx: AppContext, email: string, address: string): LoginBlock | undefined {
  const { login_max_failures: max, login_window_minutes: minutes } = ctx.config.auth;
  const windowMs = minutes * 60_000;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - windowMs);
  const checks: Array<[LoginBlock["scope"], Date[]]> = [
    ["account", failuresForEmail(ctx.db, normalizeEmail(email), since)],
    ["address", failuresForAddress(ctx.db, address, since)],
  ];
  let block: LoginBlock | undefined;
  for (const [scope, times] of checks) {
    if (times.length < max) continue;
    // After this failure leaves the window, max-1 remain and one more try is allowed.
    const retryAt = new Date(times[times.length - max]!.getTime() + windowMs);
    if (!block || retryAt > block.retryAt) block = { scope, retryAt };
  }
  return block;
}

/** Notes a failed sign-in for the account and the address. */
export function noteLoginFailure(ctx: AppContext, email: string, address: string): void {
  const now = ctx.clock.now();
  pruneLoginFailures(ctx.db, new Date(now.getTime() - ctx.config.auth.login_window_minutes * 60_000));
  recordLoginFailure(ctx.db, normalizeEmail(email), address, now);
}

/** Clears the account's failures after it signed in successfully. */
export function noteLoginSuccess(ctx: AppContext, email: string): void {
  clearFailuresForEmail(ctx.db, normalizeEmail(email));
}

/** The sentence shown when sign-in is blocked: who is blocked, until when (UTC) and how long that is. */
export function describeLoginBlock(block: LoginBlock, now: Date): string {
  const minutes = Math.max(1, Math.ceil((block.retryAt.getTime() - now.getTime()) / 60_000));
  const at = block.retryAt.toISOString().slice(11, 16);
  const who = block.scope === "account" ? "this account" : "your network address";
  return `Too many failed sign-ins for ${who}. Try again at ${at} UTC (in ${minutes} minute${minutes === 1 ? "" : "s"}), or reset the password.`;
}
