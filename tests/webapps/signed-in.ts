import type { AppContext } from "../../src/app/context";
import { createSession } from "../../src/auth/sessions";
import { createApp } from "../../src/server/app";
import { sessionCookieName } from "../../src/http/session";
import { createUser, type UserRow } from "../../src/users/store";

/** A signed-in test user: the cookie and CSRF token to send. */
export interface SignedInUser {
  user: UserRow;
  cookie: string;
  csrf: string;
}

/** Creates a user and a session directly (login pages are another domain's). */
export function signIn(ctx: AppContext, email: string, name = "Test User"): SignedInUser {
  const user = createUser(ctx.db, { email, name, passwordHash: "not-used", role: "member", timezone: "UTC" }, ctx.clock.now());
  const { token, session } = createSession(ctx.db, user.id, ctx.clock.now(), 30);
  return { user, cookie: `${sessionCookieName(ctx)}=${token}`, csrf: session.csrfToken };
}

/** Sends requests to the app as a signed-in user (form bodies carry no CSRF field; the header does). */
export function browserFor(ctx: AppContext, who: SignedInUser) {
  const app = createApp(ctx);
  const send = (method: string, path: string, body?: FormData | URLSearchParams, extra: Record<string, string> = {}) =>
    app.handle(
      new Request("http://localhost:3000" + path, { method, body, headers: { cookie: who.cookie, "x-csrf-token": who.csrf, ...extra } }),
    );
  return {
    get: (path: string, extra?: Record<string, string>) => send("GET", path, undefined, extra),
    post: (path: string, body: FormData | URLSearchParams, extra?: Record<string, string>) => send("POST", path, body, extra),
    htmx: (path: string, body: FormData | URLSearchParams) => send("POST", path, body, { "hx-request": "true" }),
  };
}

/** A form body from pairs (repeated keys allowed). */
export function form(pairs: [string, string | Blob][]): FormData {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
}
