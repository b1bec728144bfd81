import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { clearSessionCookie, sessionCookie, sessionPlugin } from "../http/session";
import { countUsers, createUser } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { LoginForm, LoginPage } from "../../views/auth/login";
import { SetupForm, SetupPage } from "../../views/auth/setup";
import { browserOrigin, clientAddress } from "../http/client-address";
import { PUBLIC_BASE_URL, parsePublicBaseUrl, saveInstanceSetting, setInConfigFile } from "../instance/overlay";
import { landingResponse } from "../operator/landing-routes";
import { touchAccount } from "../operator/store";
import { safeNext } from "./next";
import { setupOpen } from "./first-run";
import { attemptLogin } from "./login";
import { hashPassword } from "./passwords";
import { formAnswer, redirectSettingCookie } from "./respond";
import { createSession, deleteExpiredSessions, invalidateSession } from "./sessions";
import { accountErrors, readFields } from "./validate";

/** Starts a session for a user and redirects to the dashboard with the cookie set. */
export function signIn(ctx: AppContext, request: Request, userId: number, to = "/dashboard"): Response {
  deleteExpiredSessions(ctx.db, ctx.clock.now());
  if (ctx.config.operator.enabled) touchAccount(ctx.db, userId, ctx.clock.now());
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), ctx.config.auth.session_days);
  return redirectSettingCookie(request, to, sessionCookie(ctx, token, session.expiresAt));
}

// Setup asks for the public address unless the config file sets it, proposing the one the browser used.
function setupAddress(ctx: AppContext) {
  return { ask: !setInConfigFile(ctx.config, PUBLIC_BASE_URL), current: ctx.config.server.public_base_url };
}

/** `/`, first-run setup, sign in and sign out. */
export function authRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/", ({ request, auth }) =>
      !auth && ctx.config.operator.enabled ? landingResponse(ctx, request) : redirect(request, "/dashboard"),
    )
    .get("/setup", ({ request }) => {
      if (!setupOpen(ctx)) return redirect(request, "/login");
      const proposal = browserOrigin(ctx, request) ?? ctx.config.server.public_base_url;
      return <SetupPage state={emptyForm({ public_base_url: proposal })} address={setupAddress(ctx)} />;
    })
    .post("/setup", async ({ request, body, set }) => {
      if (!setupOpen(ctx)) return redirect(request, "/login");
      const f = readFields(body, ["name", "email", "password", "timezone", "public_base_url"]);
      const address = setupAddress(ctx);
      const errors = accountErrors(f);
      // An empty (or absent) address keeps the one in effect: the proposal is a help, not a hurdle.
      const parsed = address.ask && f.public_base_url!.trim() ? parsePublicBaseUrl(f.public_base_url!) : undefined;
      if (parsed && "problem" in parsed) errors.public_base_url = parsed.problem;
      if (Object.keys(errors).length > 0) {
        const state: FormState = { values: f, errors, message: "Please correct the marked fields." };
        return formAnswer(
          request,
          set,
          422,
          () => <SetupForm state={state} address={address} />,
          () => <SetupPage state={state} address={address} />,
        );
      }
      const passwordHash = await hashPassword(f.password!);
      // Checked again after the slow hash: a second setup submitted meanwhile must not make another admin.
      if (countUsers(ctx.db) > 0) return redirect(request, "/login");
      const user = createUser(
        ctx.db,
        { name: f.name!, email: f.email!, passwordHash, role: "admin", timezone: f.timezone! },
        ctx.clock.now(),
      );
      ctx.log.info(`auth: first-run setup created the admin account (user ${user.id})`);
      if (parsed && "value" in parsed) saveInstanceSetting(ctx, PUBLIC_BASE_URL, parsed.value, user.id);
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
      const result = await attemptLogin(ctx, f.email!, f.password!, clientAddress(ctx, request, server));
      if ("user" in result) return signIn(ctx, request, result.user.id, safeNext(f.next));
      const state: FormState = { values: { email: f.email!, next: f.next! }, errors: {}, message: result.message };
      return formAnswer(
        request,
        set,
        result.status,
        () => <LoginForm state={state} />,
        () => <LoginPage state={state} />,
      );
    })
    .post("/logout", ({ request, auth }) => {
      if (auth) invalidateSession(ctx.db, auth.session.id);
      return redirectSettingCookie(request, "/login?signedout=1", clearSessionCookie(ctx));
    });
}
