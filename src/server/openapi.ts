import { productName } from "../operator/brand";
import type { AppContext } from "../app/context";
import { plainSchema, type OpenApiFragment } from "../api/openapi-parts";
import { classifyOpenApi } from "../api/classify";
import { commentsOpenApi } from "../inbox/api";
import { meOpenApi } from "../api/me";
import { webappsOpenApi } from "../webapps/openapi";
import { approvalOpenApiPaths } from "../approvals/openapi";
import { pipelineOpenApi } from "../pipeline/openapi";
import { analyticsOpenApi } from "../analytics/openapi";
import { reportsOpenApi } from "../reports/api-routes";
import { learningOpenApi } from "../learning/openapi";
import { composerOpenApi } from "../composer/openapi";

/**
 * Every domain's part of the API document. A domain with API routes writes its fragment in its own
 * file (e.g. src/approvals/openapi.ts) and adds ONE line here.
 */
export const API_FRAGMENTS: OpenApiFragment[] = [
  meOpenApi,
  webappsOpenApi,
  {
    tags: [{ name: "content", description: "Posts waiting for approval and their lifecycle." }],
    paths: approvalOpenApiPaths as unknown as OpenApiFragment["paths"],
  },
  pipelineOpenApi,
  classifyOpenApi,
  analyticsOpenApi,
  reportsOpenApi,
  learningOpenApi,
  commentsOpenApi,
  composerOpenApi,
];

/** Assembles the OpenAPI 3.1 document served at /api/v1/openapi.json. */
export function buildOpenApiDocument(ctx: AppContext): Record<string, unknown> {
  const paths: OpenApiFragment["paths"] = {};
  const schemas: Record<string, unknown> = {
    Error: {
      type: "object",
      required: ["error"],
      properties: {
        error: {
          type: "object",
          required: ["code", "message"],
          properties: {
            code: { type: "string", description: "Stable machine-readable code, e.g. not_found, invalid_field, unreachable." },
            message: { type: "string", description: "What happened and what to do, for a person." },
            field: { type: "string", description: "The input field at fault, when there is one." },
          },
        },
      },
    },
  };
  const tags: { name: string; description: string }[] = [];
  for (const f of API_FRAGMENTS) {
    for (const [path, ops] of Object.entries(f.paths)) paths[path] = { ...paths[path], ...ops };
    Object.assign(schemas, f.schemas ?? {});
    tags.push(...(f.tags ?? []));
  }
  return plainSchema({
    openapi: "3.1.0",
    info: {
      title: `${productName(ctx.config)} API`,
      version: "1",
      description:
        "Manage your web apps and their marketing from scripts. Authenticate with a personal API token (Settings, API tokens) sent in the header Authorization: Bearer <token>. Errors are JSON objects { error: { code, message } } with a matching HTTP status.",
    },
    servers: [{ url: ctx.config.server.public_base_url }],
    security: [{ bearerAuth: [] }],
    tags,
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (amk_...)." } },
      schemas,
    },
  }) as Record<string, unknown>;
}
