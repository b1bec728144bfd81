import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { clearSessionCookie, sessionCookie, sessionPlugin } from "../http/session";
import { countUsers, createUser, findUserByEmail } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { LoginForm, LoginPage } from "../../views/auth/login";
import { SetupForm, SetupPage } from "../../views/auth/setup";
import { clientAddress } from "./address";
import { safeNext } from "./next";
import { setupOpen } from "./first-run";
import { hashPassword, verifyPassword } from "./passwords";
import { formAnswer, redirectSettingCookie } from "./respond";
import { createSession, deleteExpiredSessions, invalidateSession } from "./sessions";
import { describeLoginBlock, loginBlock, noteLoginFailure, noteLoginSuccess } from "./throttle";
import { accountErrors, readFields } from "./validate";

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown email takes as long as a wrong password. */
function burnPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= hashPassword("not-a-real-password-" + crypto.randomUUID());
  return dummyHash.then((h) => verifyPassword(password, h)).then(() => false);
}

/** Starts a session for a user and redirects to the dashboard with the cookie set. */
export function signIn(ctx: AppContext, request: Request, userId: number, to = "/dashboard"): Response {
  deleteExpiredSessions(ctx.db, ctx.clock.now());
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), ctx.config.auth.session_days);
  return redirectSettingCookie(request, to, sessionCookie(ctx, token, session.expiresAt));
}

/** `/`, first-run setup, sign in and sign out. */
export function authRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/", ({ request }) => redirect(request, "/dashboard"))
    .get("/setup", ({ request }) => (setupOpen(ctx) ? <SetupPage state={emptyForm()} /> : redirect(request, "/login")))
    .post("/setup", async ({ request, body, set }) => {
      if (!setupOpen(ctx)) return redirect(request, "/login");
      const f = readFields(body, ["name", "email", "password", "timezone"]);
      const errors = accountErrors(f);
      if (Object.keys(errors).length > 0) {
        const state: FormState = { values: f, errors, message: "Please correct the marked fields." };
        return formAnswer(
          request,
          set,
          422,
          () => <SetupForm state={state} />,
          () => <SetupPage state={state} />,
        );
      }
      const passwordHash = await hashPassword(f.password!);
      // Checked again after the slow hash: a second setup submitted meanwhile must not make another admin.
      if (countUsers(ctx.db) > 0) return redirect(request, "/login");
      const user = createUser(ctx.db, { name: f.name!, email: f.email!, passwordHash, role: "admin", timezone: f.timezone! }, ctx.clock.now());
      ctx.log.info(`auth: first-run setup created the admin account (user ${user.id})`);
      return signIn(ctx, request, user.id);
    })
    .get("/login", ({ request, auth, query }) => {
      if (auth) return redirect(request, safeNext(query.next));
      const state = emptyForm(typeof query.next === "string" ? { next: safeNext(query.next) } : {});
      if (query.reset === "done") state.ok = "Your password was changed and every session was signed out. Sign in with the new password.";
      if (query.signedout === "1") state.ok = "You are signed out.";
      return <LoginPage state={state} />;
    })
    .post("/login", async ({ request, body, set, server }) => {
      const f = readFields(body, ["email", "password", "next"]);
      const address = clientAddress(ctx, request, server);
      const fail = (status: number, message: string) => {
        const state: FormState = { values: { email: f.email!, next: f.next! }, errors: {}, message };
        return formAnswer(
          request,
          set,
          status,
          () => <LoginForm state={state} />,
          () => <LoginPage state={state} />,
        );
      };
      if (!f.email || !f.password) return fail(422, "Enter your email and password.");
      const blocked = loginBlock(ctx, f.email, address);
      if (blocked) return fail(429, describeLoginBlock(blocked, ctx.clock.now()));
      const user = findUserByEmail(ctx.db, f.email);
      const ok = user ? await verifyPassword(f.password, user.passwordHash) : await burnPasswordCheck(f.password);
      if (!user || !ok) {
        noteLoginFailure(ctx, f.email, address);
        const nowBlocked = loginBlock(ctx, f.email, address);
        if (nowBlocked) return fail(429, describeLoginBlock(nowBlocked, ctx.clock.now()));
        return fail(422, "The email or password is wrong. Check both and try again.");
      }
      noteLoginSuccess(ctx, f.email);
      return signIn(ctx, request, user.id, safeNext(f.next));
    })
    .post("/logout", ({ request, auth }) => {
      if (auth) invalidateSession(ctx.db, auth.session.id);
      return redirectSettingCookie(request, "/login?signedout=1", clearSessionCookie(ctx));
    });
}
