import type { AppContext } from "../app/context";
import { normalizeEmail } from "../users/store";
import {
  clearFailuresForEmail,
  pruneLoginFailures,
  recentFailures,
  type RecentFailures,
  releaseLoginAttempt,
  reserveLoginAttempt,
} from "./failures-store";

/** Why sign-in is refused for now and when it opens again. */
export interface LoginBlock {
  /** "address": this account from this address; "account": this account from everywhere (the ceiling). */
  scope: "account" | "address";
  retryAt: Date;
}

/**
 * The account-wide ceiling is this many times auth.login_max_failures: high enough that one stranger
 * (or everyone behind one proxy) cannot lock the owner out with a few guesses, low enough to stop a
 * guessing run spread over many addresses. A password reset by mail always stays open and clears it.
 */
export const ACCOUNT_CEILING_FACTOR = 4;

/** A reserved sign-in attempt: release it when the password was right, keep it (as a failure) when wrong. */
export type LoginAttempt = { block: LoginBlock } | { id: number };

/**
 * Reserves one sign-in attempt for this account from this address before the password is checked, or
 * says why it is blocked: auth.login_max_failures failures of this account from this address, or
 * ACCOUNT_CEILING_FACTOR times that from all addresses, within the window. Failures on other accounts
 * never count, so a stranger on the same network (or proxy) cannot lock an account they do not guess at.
 */
export function reserveLogin(ctx: AppContext, email: string, address: string): LoginAttempt {
  const { login_max_failures: max, login_window_minutes: minutes } = ctx.config.auth;
  const windowMs = minutes * 60_000;
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - windowMs);
  pruneLoginFailures(ctx.db, since);
  return reserveLoginAttempt(ctx.db, { email: normalizeEmail(email), address }, now, since, (recent) => blockOf(recent, max, windowMs));
}

function blockOf(recent: RecentFailures, max: number, windowMs: number): LoginBlock | undefined {
  const checks: Array<[LoginBlock["scope"], Date[], number]> = [
    ["address", recent.fromAddress, max],
    ["account", recent.forAccount, max * ACCOUNT_CEILING_FACTOR],
  ];
  let block: LoginBlock | undefined;
  for (const [scope, times, limit] of checks) {
    if (times.length < limit) continue;
    // After this failure leaves the window, limit-1 remain and one more try is allowed.
    const retryAt = new Date(times[times.length - limit]!.getTime() + windowMs);
    if (!block || retryAt > block.retryAt) block = { scope, retryAt };
  }
  return block;
}

/** The block now in force for this account from this address, if any (to say "blocked" right after the failure that caused it). */
export function loginBlock(ctx: AppContext, email: string, address: string): LoginBlock | undefined {
  const { login_max_failures: max, login_window_minutes: minutes } = ctx.config.auth;
  const windowMs = minutes * 60_000;
  const since = new Date(ctx.clock.now().getTime() - windowMs);
  return blockOf(recentFailures(ctx.db, { email: normalizeEmail(email), address }, since), max, windowMs);
}

/** Takes back a reserved attempt whose password was right, leaving the account's other failures as they are. */
export function releaseLogin(ctx: AppContext, attempt: { id: number }): void {
  releaseLoginAttempt(ctx.db, attempt.id);
}

/** The password was right: take back the reserved attempt and clear the account's failures. */
export function noteLoginSuccess(ctx: AppContext, email: string, attempt: { id: number }): void {
  releaseLoginAttempt(ctx.db, attempt.id);
  clearFailuresForEmail(ctx.db, normalizeEmail(email));
}

/** Clears an account's failures after its password was set again (a reset or a change). */
export function clearLoginFailures(ctx: AppContext, email: string): void {
  clearFailuresForEmail(ctx.db, normalizeEmail(email));
}

/** The sentence shown when sign-in is blocked: who is blocked, until when (UTC) and how long that is. */
export function describeLoginBlock(block: LoginBlock, now: Date): string {
  const minutes = Math.max(1, Math.ceil((block.retryAt.getTime() - now.getTime()) / 60_000));
  const at = block.retryAt.toISOString().slice(11, 16);
  const who = block.scope === "account" ? "this account" : "this account from your network address";
  return `Too many failed sign-ins for ${who}. Try again at ${at} UTC (in ${minutes} minute${minutes === 1 ? "" : "s"}), or reset the password.`;
}
