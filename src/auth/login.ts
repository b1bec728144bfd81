import type { AppContext } from "../app/context";
import { findUserByEmail, type UserRow } from "../users/store";
import { hashPassword, verifyPassword } from "./passwords";
import { describeLoginBlock, loginBlock, noteLoginSuccess, reserveLogin } from "./throttle";

/** The outcome of a sign-in attempt: the user, or the status and sentence to show. */
export type LoginResult = { user: UserRow } | { status: number; message: string };

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown email takes as long as a wrong password. */
function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword("not-a-real-password-" + crypto.randomUUID());
  return dummyHash.then((h) => verifyPassword(password, h)).then(() => false);
}

/** Checks an email and password, honouring and recording the per-account-and-address throttle and the account ceiling. */
export async function attemptLogin(ctx: AppContext, email: string, password: string, address: string): Promise<LoginResult> {
  if (!email || !password) return { status: 422, message: "Enter your email and password." };
  // The attempt counts as a failure from before the (slow, async) password check, so parallel requests cannot all slip under the limit.
  const attempt = reserveLogin(ctx, email, address);
  if ("block" in attempt) return { status: 429, message: describeLoginBlock(attempt.block, ctx.clock.now()) };
  const user = findUserByEmail(ctx.db, email);
  const ok = user ? await verifyPassword(password, user.passwordHash) : await burnPasswordCheck(password);
  if (!user || !ok) {
    const nowBlocked = loginBlock(ctx, email, address);
    if (nowBlocked) return { status: 429, message: describeLoginBlock(nowBlocked, ctx.clock.now()) };
    return { status: 422, message: "The email or password is wrong. Check both and try again." };
  }
  noteLoginSuccess(ctx, email, attempt);
  return { user };
}
