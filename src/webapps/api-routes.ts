import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { jsonBody } from "../api/json-body";
import { addWebapp, type WebappRefusal } from "./add";
import { WebappCreateBody, WebappPatchBody, webappJson } from "./api-schema";
import { editWebapp, removeWebapp } from "./edit";
import { findWebapp, listWebapps } from "./store";

const IdParams = t.Object({ id: t.String({ pattern: "^[0-9]{1,12}$", description: "The web app's id." }) });

function refusal(r: WebappRefusal): Response {
  if (r.code === "duplicate") return apiError(409, "duplicate", r.message, r.field);
  return apiError(422, r.code === "invalid" ? "invalid_field" : r.code, r.message, r.field);
}

const notFound = (id: string) => apiError(404, "not_found", `There is no web app ${id} among yours.`);

/** /api/v1/webapps: list, read, add (only `url` needed), change and delete the token owner's web apps. */
export function webappsApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.webapps: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/webapps", ({ apiUser }) => ({ webapps: listWebapps(ctx.db, apiUser!.id).map(webappJson) }))
    .get(
      "/webapps/:id",
      ({ apiUser, params }) => {
        const w = findWebapp(ctx.db, apiUser!.id, Number(params.id));
        return w ? webappJson(w) : notFound(params.id);
      },
      { params: IdParams },
    )
    .post(
      "/webapps",
      async ({ apiUser, body, set }) => {
        const result = await addWebapp(ctx, apiUser!.id, body);
        if (!result.ok) return refusal(result);
        set.status = 201;
        set.headers["location"] = `/api/v1/webapps/${result.webapp.id}`;
        return webappJson(result.webapp);
      },
      jsonBody(WebappCreateBody),
    )
    .patch(
      "/webapps/:id",
      async ({ apiUser, params, body }) => {
        const result = await editWebapp(ctx, apiUser!.id, Number(params.id), body);
        if (!result) return notFound(params.id);
        return result.ok ? webappJson(result.webapp) : refusal(result);
      },
      { params: IdParams, ...jsonBody(WebappPatchBody) },
    )
    .delete(
      "/webapps/:id",
      async ({ apiUser, params }) => {
        const gone = await removeWebapp(ctx, apiUser!.id, Number(params.id));
        return gone ? new Response(null, { status: 204 }) : notFound(params.id);
      },
      { params: IdParams },
    );
}
