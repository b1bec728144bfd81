import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { ApiDocsPage } from "../../views/api/docs";
import { webappsApiRoutes } from "../webapps/api-routes";
import { pipelineApiRoutes } from "../pipeline/api-routes";
import { apiError } from "../api/bearer";
import { classifyApiRoutes } from "../api/classify";
import { meApiRoutes } from "../api/me";
import { reportsApiRoutes } from "../reports/api-routes";
import { commentsApiRoutes } from "../inbox/api";
import { buildOpenApiDocument } from "./openapi";
import { analyticsApiRoutes } from "../analytics/api-routes";
import { learningApiRoutes } from "../learning/routes";
import { composerApiRoutes } from "../composer/api-routes";

/** The API description (public): the OpenAPI document and its readable page. */
function apiDocsRoutes(ctx: AppContext) {
  const doc = buildOpenApiDocument(ctx);
  return new Elysia()
    .get("/api/v1/openapi.json", () => Response.json(doc, { headers: { "cache-control": "no-cache" } }))
    .get("/api/docs", () => ApiDocsPage({ doc: doc as unknown as Parameters<typeof ApiDocsPage>[0]["doc"] }));
}

/** Everything under /api: documents first (no token), then each domain's /api/v1 routes (Bearer token), then a JSON 404. */
export function apiRoutes(ctx: AppContext) {
  return new Elysia()
    .use(apiDocsRoutes(ctx))
    .use(meApiRoutes(ctx))
    .use(webappsApiRoutes(ctx))
    .use(pipelineApiRoutes(ctx))
    .use(classifyApiRoutes(ctx))
    .use(analyticsApiRoutes(ctx))
    .use(reportsApiRoutes(ctx))
    .use(learningApiRoutes(ctx))
    .use(commentsApiRoutes(ctx))
    .use(composerApiRoutes(ctx))
    .all("/api/v1/*", () => apiError(404, "not_found", "There is no such API endpoint. See /api/v1/openapi.json for the list."));
}
