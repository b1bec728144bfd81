import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { bearerPlugin } from "./bearer";
import { apiErrorsPlugin } from "./errors";
import { errorResponses, jsonContent, type OpenApiFragment } from "./openapi-parts";

/** GET /api/v1/me: who the token belongs to. */
export function meApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.me: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/me", ({ apiUser }) => {
      const u = apiUser!;
      return { id: u.id, email: u.email, name: u.name, role: u.role, timezone: u.timezone };
    });
}

/** The /me endpoint and the document's own endpoints in OpenAPI form. */
export const meOpenApi: OpenApiFragment = {
  tags: [{ name: "Account", description: "Who you are, and this document." }],
  schemas: {
    Me: {
      type: "object",
      required: ["id", "email", "name", "role", "timezone"],
      properties: {
        id: { type: "integer" },
        email: { type: "string", format: "email" },
        name: { type: "string" },
        role: { type: "string", enum: ["admin", "member"] },
        timezone: { type: "string", description: "IANA time zone, e.g. Europe/Berlin." },
      },
    },
  },
  paths: {
    "/api/v1/me": {
      get: {
        operationId: "getMe",
        tags: ["Account"],
        summary: "The token's owner",
        responses: {
          "200": { description: "Your account.", content: jsonContent({ $ref: "#/components/schemas/Me" }) },
          ...errorResponses(401),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApi",
        tags: ["Account"],
        summary: "This API description (OpenAPI 3.1)",
        description: "Needs no token. A readable version is at /api/docs.",
        security: [],
        responses: { "200": { description: "The OpenAPI document.", content: jsonContent({ type: "object" }) } },
      },
    },
  },
};
