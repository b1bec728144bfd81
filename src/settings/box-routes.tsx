import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import type { User } from "../auth/sessions";
import { formAnswer } from "../auth/respond";
import { readFields } from "../auth/validate";
import { unreachableBaseUrlReason } from "../clicks/reach";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { PUBLIC_BASE_URL, parsePublicBaseUrl, saveInstanceSetting, settingSource } from "../instance/overlay";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AddressForm, type BoxView, BoxSettingsPage } from "../../views/settings/box";

function boxView(ctx: AppContext, auth: { user: User; session: { csrfToken: string }; unread: number }, state?: FormState): BoxView {
  const value = ctx.config.server.public_base_url;
  return {
    user: auth.user,
    csrf: auth.session.csrfToken,
    unread: auth.unread,
    address: { value, source: settingSource(ctx.config, PUBLIC_BASE_URL), problem: unreachableBaseUrlReason(value) },
    state: state ?? emptyForm({ public_base_url: value }),
  };
}

/** /settings/box: this box's public address (everyone sees it; admins change it unless the config file sets it). */
export function boxSettingsRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/settings/box", ({ auth, query }) => {
      const state =
        query.saved === "address" ? { ...emptyForm({ public_base_url: ctx.config.server.public_base_url }), ok: "Saved." } : undefined;
      return <BoxSettingsPage {...boxView(ctx, auth!, state)} />;
    })
    .post("/settings/box", ({ auth, body, request, set }) => {
      const { user } = auth!;
      if (user.role !== "admin") {
        set.status = 403;
        return "Only an administrator can change this box's public address.";
      }
      if (settingSource(ctx.config, PUBLIC_BASE_URL) === "file") {
        set.status = 409;
        return "The public address is set in the configuration file; change it there.";
      }
      const f = readFields(body, ["public_base_url"]);
      const parsed = parsePublicBaseUrl(f.public_base_url!);
      if ("problem" in parsed) {
        const state: FormState = { values: f, errors: { public_base_url: parsed.problem }, message: "The address was not saved." };
        const view = boxView(ctx, auth!, state);
        return formAnswer(
          request,
          set,
          422,
          () => <AddressForm {...view} />,
          () => <BoxSettingsPage {...view} />,
        );
      }
      saveInstanceSetting(ctx, PUBLIC_BASE_URL, parsed.value, user.id);
      // The warning on every page may have changed: a redirect redraws the whole page.
      return redirect(request, "/settings/box?saved=address");
    });
}
