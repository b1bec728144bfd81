import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { WebappDeletePage, WebappFormPage, WebappsListPage } from "../../views/webapps/pages";
import { removeWebapp } from "./edit";
import { EMPTY_FORM, rowToForm } from "./form";
import { createFromForm, fetchDetailsIntoForm, notFoundPage, updateFromForm, type ResponseSet } from "./form-handlers";
import { logoContentType, logoKey } from "./logo";
import { mediaStoreOf } from "../media/storage/open";
import { FORM_FIELDS_BYTES, formTooLargeAnswer, readFormCapped } from "./upload";
import { countWebappContent, findWebapp, listWebapps, type WebappRow } from "./store";

function parseId(raw: string | undefined): number | undefined {
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

function ownWebapp(ctx: AppContext, auth: NonNullable<Auth>, rawId: string): WebappRow | undefined {
  const id = parseId(rawId);
  return id === undefined ? undefined : findWebapp(ctx.db, auth.user.id, id);
}

function listNotice(ctx: AppContext, userId: number, query: Record<string, string | undefined>): string | undefined {
  const app = justAdded(ctx, userId, query);
  if (app) return `Added "${app.name}".`;
  return query.deleted === "1" ? "The web app was deleted." : undefined;
}

function justAdded(ctx: AppContext, userId: number, query: Record<string, string | undefined>): WebappRow | undefined {
  const added = parseId(query.added);
  return added !== undefined ? findWebapp(ctx.db, userId, added) : undefined;
}

// SVG can carry scripts: a sandboxing CSP keeps a logo opened on its own from running any.
async function serveLogo(ctx: AppContext, auth: NonNullable<Auth>, w: WebappRow | undefined, set: ResponseSet) {
  const key = w ? logoKey(auth.user.id, w.logoPath) : undefined;
  const body = key
    ? await mediaStoreOf(ctx)
        .stream(key)
        .catch(() => undefined)
    : undefined;
  if (!w || !body) return notFoundPage(auth, set);
  const headers = {
    "content-type": logoContentType(w.logoPath),
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "x-content-type-options": "nosniff",
    "cache-control": "private, max-age=300",
  };
  return new Response(body, { headers });
}

/** Web-app pages: list, add and edit (each with "Fetch details"), delete with confirmation, and the owner-only logo. */
export function webappsRoutes(ctx: AppContext) {
  // The forms that may carry a logo are read with a byte limit while streaming, not buffered whole first.
  const logoMax = ctx.config.webapps.logo_max_bytes;
  const capped = {
    parse: ({ request }: { request: Request }) => readFormCapped(request, logoMax + FORM_FIELDS_BYTES),
    error: ({ request, error }: { request: Request; error: unknown }) => formTooLargeAnswer(request, error, logoMax),
  };
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/webapps", ({ auth, query }) => {
      const a = auth!;
      return WebappsListPage({
        user: a.user,
        csrf: a.session.csrfToken,
        unread: a.unread,
        webapps: listWebapps(ctx.db, a.user.id),
        notice: listNotice(ctx, a.user.id, query),
        added: justAdded(ctx, a.user.id, query),
      });
    })
    .get("/webapps/new", ({ auth }) =>
      WebappFormPage({
        user: auth!.user,
        csrf: auth!.session.csrfToken,
        unread: auth!.unread,
        title: "Add a web app",
        target: "new",
        values: EMPTY_FORM,
      }),
    )
    .post(
      "/webapps/new/fetch",
      async ({ auth, body, request, set }) => await fetchDetailsIntoForm(ctx, { auth: auth!, body, request, set }, "new"),
      capped,
    )
    .post("/webapps", async ({ auth, body, request, set }) => await createFromForm(ctx, { auth: auth!, body, request, set }), capped)
    .get("/webapps/:id/edit", ({ auth, params, set }) => {
      const w = ownWebapp(ctx, auth!, params.id);
      if (!w) return notFoundPage(auth!, set);
      return WebappFormPage({
        user: auth!.user,
        csrf: auth!.session.csrfToken,
        unread: auth!.unread,
        title: `Edit ${w.name}`,
        target: w.id,
        values: rowToForm(w),
      });
    })
    .post(
      "/webapps/:id",
      async ({ auth, params, body, request, set }) => {
        const w = ownWebapp(ctx, auth!, params.id);
        return w ? await updateFromForm(ctx, { auth: auth!, body, request, set }, w) : notFoundPage(auth!, set);
      },
      capped,
    )
    .post(
      "/webapps/:id/fetch",
      async ({ auth, params, body, request, set }) => {
        const w = ownWebapp(ctx, auth!, params.id);
        return w ? await fetchDetailsIntoForm(ctx, { auth: auth!, body, request, set }, w) : notFoundPage(auth!, set);
      },
      capped,
    )
    .get("/webapps/:id/delete", ({ auth, params, set }) => {
      const w = ownWebapp(ctx, auth!, params.id);
      if (!w) return notFoundPage(auth!, set);
      return WebappDeletePage({
        user: auth!.user,
        csrf: auth!.session.csrfToken,
        unread: auth!.unread,
        webapp: w,
        contentCount: countWebappContent(ctx.db, auth!.user.id, w.id),
      });
    })
    .post("/webapps/:id/delete", async ({ auth, params, request, set }) => {
      const id = parseId(params.id);
      const gone = id !== undefined ? await removeWebapp(ctx, auth!.user.id, id) : undefined;
      return gone ? redirect(request, "/webapps?deleted=1") : notFoundPage(auth!, set);
    })
    .get("/webapps/:id/logo", async ({ auth, params, set }) => await serveLogo(ctx, auth!, ownWebapp(ctx, auth!, params.id), set));
}
