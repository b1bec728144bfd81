import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { createApiToken, revokeApiToken } from "../api/tokens";
import { formAnswer, pageAnswer } from "../auth/respond";
import { readFields } from "../auth/validate";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AccountSettingsPage } from "../../views/settings/account";
import { TokensSection } from "../../views/settings/tokens";
import { accountView, SAVED, tokensView } from "./views";

/** Personal API tokens in Settings: create (shown once), revoke. */
export function tokensRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .post("/settings/tokens", ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      const f = readFields(body, ["name"]);
      if (f.name!.length > 80) {
        const state: FormState = {
          values: f,
          errors: { name: "Use at most 80 characters for the token name." },
          message: "No token was created.",
        };
        const tokens = tokensView(ctx, user, session.csrfToken, state);
        const page = () => <AccountSettingsPage {...accountView(ctx, auth!, { tokens })} />;
        return formAnswer(request, set, 422, () => <TokensSection {...tokens} />, page);
      }
      const { token, row } = createApiToken(ctx.db, user.id, f.name!, ctx.clock.now());
      // Rendered, never redirected: the token must not travel in a URL, and this answer is the only time it is shown.
      const tokens = tokensView(ctx, user, session.csrfToken, emptyForm(), { name: row.name, token });
      set.headers["cache-control"] = "no-store";
      if (isHtmx(request)) return <TokensSection {...tokens} />;
      return pageAnswer(set, 200, <AccountSettingsPage {...accountView(ctx, auth!, { tokens })} />);
    })
    .post("/settings/tokens/:id/revoke", ({ request, params, set, auth }) => {
      const { user, session } = auth!;
      const revoked = revokeApiToken(ctx.db, user.id, Number(params.id));
      if (revoked && !isHtmx(request)) return redirect(request, "/settings?saved=revoked");
      const state: FormState = revoked
        ? { values: {}, errors: {}, ok: SAVED.revoked }
        : { values: {}, errors: {}, message: "That token does not exist any more (already revoked?). Nothing was changed." };
      const tokens = tokensView(ctx, user, session.csrfToken, state);
      const page = () => <AccountSettingsPage {...accountView(ctx, auth!, { tokens })} />;
      return formAnswer(request, set, revoked ? 200 : 404, () => <TokensSection {...tokens} />, page);
    });
}
