import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { sessionPlugin } from "../http/session";
import { ImportPage } from "../../views/learning/import";
import { NOT_UTF8, utf8Text } from "./history";
import { importHistory, type ImportResult } from "./import";
import { appForUser, appsOfUser } from "./store";
import { insightsFor } from "./what-works";

const IdParams = t.Object({ id: t.String({ pattern: "^[0-9]{1,12}$" }) });
/** The largest history file accepted (about 20,000 rows of CSV). */
export const MAX_HISTORY_BYTES = 5 * 1024 * 1024;

function html(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** Which parser a body needs, from its media type or file name (undefined: neither CSV nor JSON). */
function kindOf(type: string, name = ""): "csv" | "json" | undefined {
  const t = type.split(";")[0]!.trim().toLowerCase();
  if (t === "text/csv" || name.toLowerCase().endsWith(".csv")) return "csv";
  if (t === "application/json" || name.toLowerCase().endsWith(".json")) return "json";
  return undefined;
}

/** /api/v1: a web app's history import (CSV or JSON, refused whole with line numbers) and what the learner believes. */
export function learningApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.learning: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .post(
      "/webapps/:id/history",
      async ({ apiUser, params, request, set }) => {
        const app = appForUser(ctx.db, apiUser!.id, Number(params.id));
        if (!app) return apiError(404, "not_found", `There is no web app ${params.id} among yours.`);
        const kind = kindOf(request.headers.get("content-type") ?? "");
        if (!kind) return apiError(415, "unsupported_media_type", "Send the history as text/csv or application/json.");
        const body = utf8Text(await request.arrayBuffer());
        if (body === undefined) return apiError(422, "not_utf8", NOT_UTF8);
        if (body.length > MAX_HISTORY_BYTES)
          return apiError(413, "too_large", `The file is over ${MAX_HISTORY_BYTES / 1024 / 1024} MB; split it.`);
        const r = importHistory(ctx.db, app, body, kind, ctx.clock.now());
        if (!r.ok)
          return Response.json(
            {
              error: { code: "invalid_history", message: `Nothing was imported: ${r.problems.length} row(s) need fixing.` },
              problems: r.problems,
            },
            { status: 422 },
          );
        set.status = 201;
        return { importId: r.importId, imported: r.imported, platforms: r.platforms };
      },
      { params: IdParams, parse: "none" },
    )
    .get(
      "/webapps/:id/insights",
      ({ apiUser, params }) => {
        const app = appForUser(ctx.db, apiUser!.id, Number(params.id));
        return app ? insightsFor(ctx.db, app) : apiError(404, "not_found", `There is no web app ${params.id} among yours.`);
      },
      { params: IdParams },
    );
}

/** The history import page (/analytics/import) with the "What works" section. */
export function learningRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/analytics/import", ({ auth, query }) => {
      const a = auth!;
      const apps = appsOfUser(ctx.db, a.user.id);
      const app = apps.find((x) => String(x.id) === query.webapp) ?? apps[0];
      return html(
        <ImportPage
          user={a.user}
          csrf={a.session.csrfToken}
          unread={a.unread}
          apps={apps}
          selected={app?.id}
          insights={app ? insightsFor(ctx.db, app) : undefined}
        />,
      );
    })
    .post("/analytics/import", async ({ auth, body }) => {
      const a = auth!;
      const apps = appsOfUser(ctx.db, a.user.id);
      const form = (body ?? {}) as Record<string, unknown>;
      const app = apps.find((x) => String(x.id) === String(form.webapp ?? ""));
      const file = form.file instanceof File ? form.file : undefined;
      const show = (status: number, extra: { error?: string; result?: ImportResult }) =>
        html(
          <ImportPage
            user={a.user}
            csrf={a.session.csrfToken}
            unread={a.unread}
            apps={apps}
            selected={app?.id}
            error={extra.error}
            problems={extra.result && !extra.result.ok ? extra.result.problems : undefined}
            imported={extra.result?.ok ? extra.result : undefined}
            insights={app ? insightsFor(ctx.db, app) : undefined}
          />,
          status,
        );
      if (!app) return show(422, { error: "Pick one of your web apps." });
      if (!file || file.size === 0) return show(422, { error: "Choose a CSV or JSON file to import." });
      if (file.size > MAX_HISTORY_BYTES) return show(422, { error: `The file is over ${MAX_HISTORY_BYTES / 1024 / 1024} MB; split it.` });
      const kind = kindOf(file.type, file.name);
      if (!kind) return show(422, { error: `"${file.name}" is neither CSV nor JSON; export the posts as .csv or .json.` });
      const text = utf8Text(await file.arrayBuffer());
      if (text === undefined) return show(422, { error: NOT_UTF8 });
      const result = importHistory(ctx.db, app, text, kind, ctx.clock.now());
      return show(result.ok ? 200 : 422, { result });
    });
}
