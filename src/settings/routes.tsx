import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { createApiToken, listApiTokens, revokeApiToken } from "../api/tokens";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/passwords";
import { formAnswer, pageAnswer } from "../auth/respond";
import type { Session, User } from "../auth/sessions";
import { invalidateOtherSessions } from "../auth/sessions";
import { clientAddress } from "../auth/address";
import { describeLoginBlock, loginBlock, noteLoginFailure } from "../auth/throttle";
import { emailProblem, fieldErrors, nameProblem, readFields, timeZoneProblem } from "../auth/validate";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { findUserByEmail, normalizeEmail, updateUser } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AccountSettingsPage, PasswordForm, ProfileForm, type AccountView } from "../../views/settings/account";
import { TokensSection, type TokensView } from "../../views/settings/tokens";

const SAVED: Record<string, string> = {
  profile: "Profile saved.",
  password: "Password changed. Your other sessions were signed out.",
  revoked: "Token revoked. Anything using it can no longer reach the API.",
};

function tokensView(ctx: AppContext, user: User, csrf: string, state = emptyForm(), created?: TokensView["created"]): TokensView {
  return { csrf, timezone: user.timezone, tokens: listApiTokens(ctx.db, user.id), state, created };
}

function accountView(ctx: AppContext, user: User, session: Session, over: Partial<AccountView> = {}): AccountView {
  const profile = emptyForm({ name: user.name, email: user.email, timezone: user.timezone });
  const password = emptyForm({ username: user.email });
  return { user, csrf: session.csrfToken, profile, password, tokens: tokensView(ctx, user, session.csrfToken), ...over };
}

/** Checks and saves name, email and time zone; returns the form state to show. */
function saveProfile(ctx: AppContext, user: User, body: unknown): { state: FormState; ok: boolean } {
  const f = readFields(body, ["name", "email", "timezone"]);
  const errors = fieldErrors({ name: nameProblem(f.name!), email: emailProblem(f.email!), timezone: timeZoneProblem(f.timezone!) });
  const owner = errors.email ? undefined : findUserByEmail(ctx.db, f.email!);
  if (owner && owner.id !== user.id) errors.email = `Another account already uses ${normalizeEmail(f.email!)}. Choose a different email.`;
  if (Object.keys(errors).length > 0) return { state: { values: f, errors, message: "Nothing was saved. Please correct the marked fields." }, ok: false };
  updateUser(ctx.db, user.id, { name: f.name!, email: f.email!, timezone: f.timezone! });
  return { state: { values: { ...f, email: normalizeEmail(f.email!) }, errors: {}, ok: SAVED.profile }, ok: true };
}

/** /settings: the signed-in user's profile, time zone, password and personal API tokens. */
export function settingsRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/settings", ({ auth, query }) => {
      const view = accountView(ctx, auth!.user, auth!.session);
      const saved = typeof query.saved === "string" ? SAVED[query.saved] : undefined;
      if (query.saved === "profile") view.profile.ok = saved;
      if (query.saved === "password") view.password.ok = saved;
      if (query.saved === "revoked") view.tokens.state.ok = saved;
      return <AccountSettingsPage {...view} />;
    })
    .post("/settings/profile", ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      const { state, ok } = saveProfile(ctx, user, body);
      if (ok && !isHtmx(request)) return redirect(request, "/settings?saved=profile");
      const page = () => <AccountSettingsPage {...accountView(ctx, user, session, { profile: state })} />;
      return formAnswer(request, set, ok ? 200 : 422, () => <ProfileForm csrf={session.csrfToken} state={state} />, page);
    })
    .post("/settings/password", async ({ request, body, set, auth, server }) => {
      const { user, session } = auth!;
      const f = readFields(body, ["current_password", "password"]);
      const errors = fieldErrors({ password: passwordProblem(f.password!) });
      // Guessing the current password here counts like failed sign-ins, so a stolen session cannot brute-force it.
      const address = clientAddress(ctx, request, server);
      const blocked = loginBlock(ctx, user.email, address);
      if (blocked) errors.current_password = describeLoginBlock(blocked, ctx.clock.now());
      else if (!(await verifyPassword(f.current_password!, user.passwordHash))) {
        noteLoginFailure(ctx, user.email, address);
        errors.current_password = "This is not your current password.";
      }
      if (Object.keys(errors).length > 0) {
        const state: FormState = { values: { username: user.email }, errors, message: "The password was not changed." };
        const page = () => <AccountSettingsPage {...accountView(ctx, user, session, { password: state })} />;
        return formAnswer(request, set, 422, () => <PasswordForm csrf={session.csrfToken} state={state} />, page);
      }
      updateUser(ctx.db, user.id, { passwordHash: await hashPassword(f.password!) });
      invalidateOtherSessions(ctx.db, user.id, session.id);
      if (!isHtmx(request)) return redirect(request, "/settings?saved=password");
      return <PasswordForm csrf={session.csrfToken} state={{ values: { username: user.email }, errors: {}, ok: SAVED.password }} />;
    })
    .post("/settings/tokens", ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      const f = readFields(body, ["name"]);
      if (f.name!.length > 80) {
        const state: FormState = { values: f, errors: { name: "Use at most 80 characters for the token name." }, message: "No token was created." };
        const tokens = tokensView(ctx, user, session.csrfToken, state);
        return formAnswer(
          request,
          set,
          422,
          () => <TokensSection {...tokens} />,
          () => <AccountSettingsPage {...accountView(ctx, user, session, { tokens })} />,
        );
      }
      const { token, row } = createApiToken(ctx.db, user.id, f.name!, ctx.clock.now());
      // Rendered, never redirected: the token must not travel in a URL, and this answer is the only time it is shown.
      const tokens = tokensView(ctx, user, session.csrfToken, emptyForm(), { name: row.name, token });
      set.headers["cache-control"] = "no-store";
      if (isHtmx(request)) return <TokensSection {...tokens} />;
      return pageAnswer(set, 200, <AccountSettingsPage {...accountView(ctx, user, session, { tokens })} />);
    })
    .post("/settings/tokens/:id/revoke", ({ request, params, set, auth }) => {
      const { user, session } = auth!;
      const revoked = revokeApiToken(ctx.db, user.id, Number(params.id));
      const state: FormState = revoked
        ? { values: {}, errors: {}, ok: SAVED.revoked }
        : { values: {}, errors: {}, message: "That token does not exist any more (already revoked?). Nothing was changed." };
      if (!isHtmx(request)) {
        if (revoked) return redirect(request, "/settings?saved=revoked");
        return pageAnswer(set, 404, <AccountSettingsPage {...accountView(ctx, user, session, { tokens: tokensView(ctx, user, session.csrfToken, state) })} />);
      }
      set.status = revoked ? 200 : 404;
      return <TokensSection {...tokensView(ctx, user, session.csrfToken, state)} />;
    });
}
