import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import type { Auth } from "../http/session";
import { WebappForm } from "../../views/webapps/form";
import { WebappFormPage, WebappNotFoundPage } from "../../views/webapps/pages";
import { addWebapp } from "./add";
import { fetchPageDetails } from "./details";
import { editWebapp } from "./edit";
import { formToInput, readForm, rowToForm, uploadedLogo, wantsLogoRemoved, type WebappFormValues } from "./form";
import { removeLogo, saveLogo } from "./logo";
import type { WebappRow } from "./store";

/** Elysia's response status and headers. */
export type ResponseSet = { status?: number | string; headers: Record<string, string | number> };
/** A request with a signed-in user (the global guard sends everyone else to /login). */
export type FormRequest = { auth: NonNullable<Auth>; body: unknown; request: Request; set: ResponseSet };

/** The "not found or not yours" page with status 404. */
export function notFoundPage(auth: NonNullable<Auth>, set: ResponseSet) {
  set.status = 404;
  return WebappNotFoundPage({ user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread });
}

// htmx gets the form alone (htmx 4 swaps 422s too), a plain post gets the whole page.
function formResponse(
  r: FormRequest,
  target: "new" | number,
  values: WebappFormValues,
  extra: { error?: { field: string; message: string }; notice?: string; title?: string },
) {
  const csrf = r.auth.session.csrfToken;
  if (extra.error) r.set.status = 422;
  if (isHtmx(r.request)) return WebappForm({ target, values, csrf, error: extra.error, notice: extra.notice });
  const title = extra.title ?? (target === "new" ? "Add a web app" : "Edit web app");
  return WebappFormPage({
    user: r.auth.user,
    csrf,
    unread: r.auth.unread,
    title,
    target,
    values,
    error: extra.error,
    notice: extra.notice,
  });
}

/** "Fetch details": reads the page at the typed URL and fills name, description, images, colour and feeds into the form. */
export async function fetchDetailsIntoForm(ctx: AppContext, r: FormRequest, target: "new" | WebappRow) {
  const id = target === "new" ? "new" : target.id;
  const values = { ...readForm(r.body), logoPath: target === "new" ? "" : target.logoPath };
  const details = await fetchPageDetails(ctx, values.url);
  if (!details.ok) return formResponse(r, id, values, { error: details });
  const m = details.meta;
  const filled = {
    ...values,
    url: details.url,
    name: m.name,
    description: m.description,
    ogImageUrl: m.ogImageUrl,
    faviconUrl: m.faviconUrl,
    themeColor: m.themeColor,
    feeds: values.feeds || m.feeds.join("\n"),
  };
  return formResponse(r, id, filled, { notice: "Details read from the page. Check them, add the rest, then save." });
}

/** Adds a web app from the submitted form (with an optional logo); a refusal re-renders the form with what was typed. */
export async function createFromForm(ctx: AppContext, r: FormRequest) {
  const userId = r.auth.user.id;
  const values = readForm(r.body);
  const file = uploadedLogo(r.body);
  const logo = file ? await saveLogo(ctx, userId, file) : undefined;
  if (logo && !logo.ok) return formResponse(r, "new", values, { error: logo });
  const result = await addWebapp(ctx, userId, { ...formToInput(values), url: values.url, logoPath: logo?.path });
  if (!result.ok) {
    if (logo?.ok) await removeLogo(ctx, userId, logo.path);
    return formResponse(r, "new", values, { error: result });
  }
  return redirect(r.request, `/webapps?added=${result.webapp.id}`);
}

/** Saves the edit form of the user's web app `w` (logo replaced, removed or kept). */
export async function updateFromForm(ctx: AppContext, r: FormRequest, w: WebappRow) {
  const userId = r.auth.user.id;
  const values = { ...readForm(r.body), logoPath: w.logoPath };
  const file = uploadedLogo(r.body);
  const logo = file ? await saveLogo(ctx, userId, file) : undefined;
  if (logo && !logo.ok) return formResponse(r, w.id, values, { error: logo });
  const logoPath = logo?.ok ? logo.path : wantsLogoRemoved(r.body) ? "" : undefined;
  const result = await editWebapp(ctx, userId, w.id, { ...formToInput(values), logoPath });
  if (!result) return notFoundPage(r.auth, r.set);
  if (!result.ok) {
    if (logo?.ok) await removeLogo(ctx, userId, logo.path);
    return formResponse(r, w.id, values, { error: result });
  }
  return formResponse(r, w.id, rowToForm(result.webapp), { notice: "Saved.", title: `Edit ${result.webapp.name}` });
}
