import { errorResponses, jsonContent, plainSchema, ref, type OpenApiFragment } from "../api/openapi-parts";
import { WebappCreateBody, WebappPatchBody, WebappSchema } from "./api-schema";

const idParam = [{ name: "id", in: "path" as const, required: true, description: "The web app's id.", schema: { type: "integer" } }];
const tags = ["Web apps"];

/** The web-app endpoints of /api/v1 in OpenAPI form. */
export const webappsOpenApi: OpenApiFragment = {
  tags: [{ name: "Web apps", description: "The web apps you market: add by URL, change, delete." }],
  schemas: {
    Webapp: plainSchema(WebappSchema),
    WebappCreate: plainSchema(WebappCreateBody),
    WebappPatch: plainSchema(WebappPatchBody),
  },
  paths: {
    "/api/v1/webapps": {
      get: {
        operationId: "listWebapps",
        tags,
        summary: "List your web apps",
        responses: {
          "200": {
            description: "Your web apps, by name.",
            content: jsonContent({
              type: "object",
              required: ["webapps"],
              properties: { webapps: { type: "array", items: ref("Webapp") } },
            }),
          },
          ...errorResponses(401),
        },
      },
      post: {
        operationId: "addWebapp",
        tags,
        summary: "Add a web app by URL",
        description:
          "Only `url` is required. The server fetches the page and fills in name, description, share image, theme colour, icon and feeds from it; any field you send wins. A URL that is malformed, unreachable, slow, too large or not an HTML page answers 422 with a code saying which (malformed_url, unreachable, timeout, too_large, not_html, http_error, too_many_redirects, blocked_address).",
        requestBody: { required: true, content: jsonContent(ref("WebappCreate")) },
        responses: {
          "201": { description: "Added; the web app with its id.", content: jsonContent(ref("Webapp")) },
          ...errorResponses(400, 401, 409, 422),
        },
      },
    },
    "/api/v1/webapps/{id}": {
      get: {
        operationId: "getWebapp",
        tags,
        summary: "Get one web app",
        parameters: idParam,
        responses: { "200": { description: "The web app.", content: jsonContent(ref("Webapp")) }, ...errorResponses(400, 401, 404) },
      },
      patch: {
        operationId: "updateWebapp",
        tags,
        summary: "Change a web app",
        description: "Send only the fields to change. A changed `url` is fetched again to check it is a reachable web page.",
        parameters: idParam,
        requestBody: { required: true, content: jsonContent(ref("WebappPatch")) },
        responses: {
          "200": { description: "The changed web app.", content: jsonContent(ref("Webapp")) },
          ...errorResponses(400, 401, 404, 409, 422),
        },
      },
      delete: {
        operationId: "deleteWebapp",
        tags,
        summary: "Delete a web app",
        description: "Deletes the web app with its batches and content items. Posts already published stay on the platforms.",
        parameters: idParam,
        responses: { "204": { description: "Deleted." }, ...errorResponses(400, 401, 404) },
      },
    },
  },
};
