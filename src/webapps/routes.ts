import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { WebappForm } from "../../views/webapps/form";
import { WebappDeletePage, WebappFormPage, WebappNotFoundPage, WebappsListPage } from "../../views/webapps/pages";
import { addWebapp } from "./add";
import { fetchPageDetails } from "./details";
import { editWebapp, removeWebapp } from "./edit";
import { EMPTY_FORM, formToInput, readForm, rowToForm, uploadedLogo, wantsLogoRemoved, type WebappFormValues } from "./form";
import { logoContentType, logoFile, removeLogo, saveLogo } from "./logo";
import { countWebappContent, findWebapp, listWebapps } from "./store";

type Set = { status?: number | string; headers: Record<string, string | number> };
type SignedIn = NonNullable<Auth>;

function parseId(raw: string): number | undefined {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

function notFound(auth: SignedIn, set: Set) {
  set.status = 404;
  return WebappNotFoundPage({ user: auth.user, csrf: auth.session.csrfToken });
}

// A refused form: htmx gets the form alone (htmx 4 swaps 422s), a plain post the whole page; both keep what was typed.
function refusedForm(request: Request, set: Set, auth: SignedIn, target: "new" | number, values: WebappFormValues, error: { field: string; message: string }) {
  set.status = 422;
  const csrf = auth.session.csrfToken;
  if (isHtmx(request)) return WebappForm({ target, values, csrf, error });
  return WebappFormPage({ user: auth.user, csrf, title: target === "new" ? "Add a web app" : "Edit web app", target, values, error });
}

/** Web-app pages: list, add (with "Fetch details"), edit, delete with confirmation, and the owner-only logo. */
export function webappsRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/webapps", ({ auth, query }) => {
      const a = auth!;
      const added = parseId(String(query.added ?? ""));
      const addedApp = added !== undefined ? findWebapp(ctx.db, a.user.id, added) : undefined;
      const notice = addedApp ? `Added "${addedApp.name}".` : query.deleted === "1" ? "The web app was deleted." : undefined;
      return WebappsListPage({ user: a.user, csrf: a.session.csrfToken, webapps: listWebapps(ctx.db, a.user.id), notice });
    })
    .get("/webapps/new", ({ auth }) => WebappFormPage({ user: auth!.user, csrf: auth!.session.csrfToken, title: "Add a web app", target: "new", values: EMPTY_FORM }))
    .post("/webapps/new/fetch", async ({ auth, body, request, set }) => {
      const a = auth!;
      const values = readForm(body);
      const details = await fetchPageDetails(ctx, values.url);
      if (!details.ok) return refusedForm(request, set, a, "new", values, details);
      const m = details.meta;
      const filled = { ...values, url: details.url, name: m.name, description: m.description, ogImageUrl: m.ogImageUrl, faviconUrl: m.faviconUrl, themeColor: m.themeColor, feeds: values.feeds || m.feeds.join("\n") };
      const notice = "Details read from the page. Check them, add the rest, then save.";
      if (isHtmx(request)) return WebappForm({ target: "new", values: filled, csrf: a.session.csrfToken, notice });
      return WebappFormPage({ user: a.user, csrf: a.session.csrfToken, title: "Add a web app", target: "new", values: filled, notice });
    })
    .post("/webapps", async ({ auth, body, request, set }) => {
      const a = auth!;
      const values = readForm(body);
      const file = uploadedLogo(body);
      const logo = file ? await saveLogo(ctx, a.user.id, file) : undefined;
      if (logo && !logo.ok) return refusedForm(request, set, a, "new", values, logo);
      const result = await addWebapp(ctx, a.user.id, { ...formToInput(values), url: values.url, logoPath: logo?.path });
      if (!result.ok) {
        if (logo?.ok) removeLogo(ctx, a.user.id, logo.path);
        return refusedForm(request, set, a, "new", values, result);
      }
      return redirect(request, `/webapps?added=${result.webapp.id}`);
    })
    .get("/webapps/:id/edit", ({ auth, params, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const w = id !== undefined ? findWebapp(ctx.db, a.user.id, id) : undefined;
      if (!w) return notFound(a, set);
      return WebappFormPage({ user: a.user, csrf: a.session.csrfToken, title: `Edit ${w.name}`, target: w.id, values: rowToForm(w) });
    })
    .post("/webapps/:id", async ({ auth, params, body, request, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const w = id !== undefined ? findWebapp(ctx.db, a.user.id, id) : undefined;
      if (!w) return notFound(a, set);
      const values = { ...readForm(body), logoPath: w.logoPath };
      const file = uploadedLogo(body);
      const logo = file ? await saveLogo(ctx, a.user.id, file) : undefined;
      if (logo && !logo.ok) return refusedForm(request, set, a, w.id, values, logo);
      const logoPath = logo?.ok ? logo.path : wantsLogoRemoved(body) ? "" : undefined;
      const result = await editWebapp(ctx, a.user.id, w.id, { ...formToInput(values), logoPath });
      if (!result) return notFound(a, set);
      if (!result.ok) {
        if (logo?.ok) removeLogo(ctx, a.user.id, logo.path);
        return refusedForm(request, set, a, w.id, values, result);
      }
      const saved = rowToForm(result.webapp);
      if (isHtmx(request)) return WebappForm({ target: w.id, values: saved, csrf: a.session.csrfToken, notice: "Saved." });
      return WebappFormPage({ user: a.user, csrf: a.session.csrfToken, title: `Edit ${result.webapp.name}`, target: w.id, values: saved, notice: "Saved." });
    })
    .get("/webapps/:id/delete", ({ auth, params, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const w = id !== undefined ? findWebapp(ctx.db, a.user.id, id) : undefined;
      if (!w) return notFound(a, set);
      return WebappDeletePage({ user: a.user, csrf: a.session.csrfToken, webapp: w, contentCount: countWebappContent(ctx.db, a.user.id, w.id) });
    })
    .post("/webapps/:id/delete", ({ auth, params, request, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const gone = id !== undefined ? removeWebapp(ctx, a.user.id, id) : undefined;
      if (!gone) return notFound(a, set);
      return redirect(request, "/webapps?deleted=1");
    })
    .get("/webapps/:id/logo", async ({ auth, params, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const w = id !== undefined ? findWebapp(ctx.db, a.user.id, id) : undefined;
      const path = w ? logoFile(ctx, a.user.id, w.logoPath) : undefined;
      const file = path ? Bun.file(path) : undefined;
      if (!file || !(await file.exists())) return notFound(a, set);
      // SVG can carry scripts: a sandboxing CSP keeps a logo opened on its own from running any.
      return new Response(file, {
        headers: {
          "content-type": logoContentType(w!.logoPath),
          "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
          "x-content-type-options": "nosniff",
          "cache-control": "private, max-age=300",
        },
      });
    });
}
