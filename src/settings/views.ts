import type { AppContext } from "../app/context";
import { listApiTokens } from "../api/store";
import type { User } from "../auth/sessions";
import type { Auth } from "../http/session";
import { emptyForm } from "../../views/auth/fields";
import type { AccountView } from "../../views/settings/account";
import type { TokensView } from "../../views/settings/tokens";

/** Success lines shown after a plain (no-JS) form redirected back to /settings?saved=<key>. */
export const SAVED: Record<string, string> = {
  profile: "Profile saved.",
  password: "Password changed. Your other sessions were signed out.",
  revoked: "Token revoked. Anything using it can no longer reach the API.",
  report: "Report email setting saved.",
};

/** What the tokens section shows for a user. */
export function tokensView(ctx: AppContext, user: User, csrf: string, state = emptyForm(), created?: TokensView["created"]): TokensView {
  return { csrf, timezone: user.timezone, tokens: listApiTokens(ctx.db, user.id), state, created };
}

/** What the account settings page shows, with any part overridden (a failed form, a new token). */
export function accountView(ctx: AppContext, auth: NonNullable<Auth>, over: Partial<AccountView> = {}): AccountView {
  const { user, session, unread } = auth;
  const profile = emptyForm({ name: user.name, email: user.email, timezone: user.timezone });
  const password = emptyForm({ username: user.email });
  return { user, csrf: session.csrfToken, unread, profile, password, tokens: tokensView(ctx, user, session.csrfToken), ...over };
}
