import { Elysia } from "elysia";
import { revokeAllApiTokens } from "../api/tokens";
import type { AppContext } from "../app/context";
import { clientAddress, type PeerSource } from "../http/client-address";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/passwords";
import { formAnswer } from "../auth/respond";
import { invalidateOtherSessions, type User } from "../auth/sessions";
import { describeLoginBlock, releaseLogin, reserveLogin } from "../auth/throttle";
import { emailProblem, fieldErrors, nameProblem, readFields, timeZoneProblem } from "../auth/validate";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { findUserByEmail, normalizeEmail, updateUser } from "../users/store";
import type { FormState } from "../../views/auth/fields";
import { AccountSettingsPage, PasswordForm, ProfileForm } from "../../views/settings/account";
import { accountView, SAVED } from "./views";

/** Checks and saves name, email and time zone; returns the form state to show. */
function saveProfile(ctx: AppContext, user: User, body: unknown): { state: FormState; ok: boolean } {
  const f = readFields(body, ["name", "email", "timezone"]);
  const errors = fieldErrors({ name: nameProblem(f.name!), email: emailProblem(f.email!), timezone: timeZoneProblem(f.timezone!) });
  const owner = errors.email ? undefined : findUserByEmail(ctx.db, f.email!);
  if (owner && owner.id !== user.id) errors.email = `Another account already uses ${normalizeEmail(f.email!)}. Choose a different email.`;
  if (Object.keys(errors).length > 0)
    return { state: { values: f, errors, message: "Nothing was saved. Please correct the marked fields." }, ok: false };
  updateUser(ctx.db, user.id, { name: f.name!, email: f.email!, timezone: f.timezone! });
  return { state: { values: { ...f, email: normalizeEmail(f.email!) }, errors: {}, ok: SAVED.profile }, ok: true };
}

/** Checks a password change: the new password's rule and the current password (throttled like sign-in). */
async function passwordChangeErrors(
  ctx: AppContext,
  user: User,
  f: Record<string, string>,
  address: string,
): Promise<Record<string, string>> {
  const errors = fieldErrors({ password: passwordProblem(f.password!) });
  // Guessing the current password here counts like failed sign-ins, so a stolen session cannot brute-force it.
  const attempt = reserveLogin(ctx, user.email, address);
  if ("block" in attempt) errors.current_password = describeLoginBlock(attempt.block, ctx.clock.now());
  else if (await verifyPassword(f.current_password!, user.passwordHash)) releaseLogin(ctx, attempt);
  else errors.current_password = "This is not your current password.";
  return errors;
}

/** /settings: the signed-in user's profile, time zone and password (tokens: tokens-routes.tsx). */
export function settingsRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/settings", ({ auth, query }) => {
      const view = accountView(ctx, auth!);
      const saved = typeof query.saved === "string" ? SAVED[query.saved] : undefined;
      if (query.saved === "profile") view.profile.ok = saved;
      if (query.saved === "password") view.password.ok = saved;
      if (query.saved === "revoked") view.tokens.state.ok = saved;
      if (query.saved === "report") view.reportSaved = saved;
      return <AccountSettingsPage {...view} />;
    })
    .post("/settings/profile", ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      const { state, ok } = saveProfile(ctx, user, body);
      if (ok && !isHtmx(request)) return redirect(request, "/settings?saved=profile");
      const page = () => <AccountSettingsPage {...accountView(ctx, auth!, { profile: state })} />;
      return formAnswer(request, set, ok ? 200 : 422, () => <ProfileForm csrf={session.csrfToken} state={state} />, page);
    })
    .post("/settings/password", async ({ request, body, set, auth, server }) => {
      const { user, session } = auth!;
      const f = readFields(body, ["current_password", "password", "revoke_tokens"]);
      const errors = await passwordChangeErrors(ctx, user, f, clientAddress(ctx, request, server as PeerSource | null));
      if (Object.keys(errors).length > 0) {
        const state: FormState = { values: { username: user.email }, errors, message: "The password was not changed." };
        const page = () => <AccountSettingsPage {...accountView(ctx, auth!, { password: state })} />;
        return formAnswer(request, set, 422, () => <PasswordForm csrf={session.csrfToken} state={state} />, page);
      }
      updateUser(ctx.db, user.id, { passwordHash: await hashPassword(f.password!) });
      invalidateOtherSessions(ctx.db, user.id, session.id);
      // The token list on the page changes too, so a revoke reloads the whole page.
      const revoked = f.revoke_tokens === "on" && revokeAllApiTokens(ctx.db, user.id) > 0;
      if (!isHtmx(request) || revoked) return redirect(request, "/settings?saved=password");
      return <PasswordForm csrf={session.csrfToken} state={{ values: { username: user.email }, errors: {}, ok: SAVED.password }} />;
    });
}
