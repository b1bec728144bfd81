import type { AppContext } from "../../src/app/context";
import { hashPassword } from "../../src/auth/passwords";
import { createSession } from "../../src/auth/sessions";
import { sessionCookieName } from "../../src/http/session";
import { createUser, type UserRow } from "../../src/users/store";
import { TestClient } from "./http";

/** The password every test user gets unless told otherwise. */
export const TEST_PASSWORD = "correct horse battery staple";

const hashes = new Map<string, Promise<string>>();

/** argon2id is slow on purpose: hash each distinct test password once per test run. */
function cachedHash(password: string): Promise<string> {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

/** Creates a user straight in the database (no setup page, one cached hash). */
export async function addUser(
  ctx: AppContext,
  u: { email: string; name?: string; role?: "admin" | "member"; password?: string; timezone?: string },
): Promise<UserRow> {
  const passwordHash = await cachedHash(u.password ?? TEST_PASSWORD);
  return createUser(
    ctx.db,
    { email: u.email, name: u.name ?? u.email.split("@")[0]!, passwordHash, role: u.role ?? "member", timezone: u.timezone ?? "UTC" },
    ctx.clock.now(),
  );
}

/** A client already signed in as the user (session made directly, CSRF token known), without a password check. */
export function clientFor(ctx: AppContext, user: UserRow, app?: TestClient["app"]): TestClient {
  const client = new TestClient(ctx, app);
  const { token, session } = createSession(ctx.db, user.id, ctx.clock.now(), ctx.config.auth.session_days);
  client.cookies.set(sessionCookieName(ctx), token);
  client.csrf = session.csrfToken;
  return client;
}
