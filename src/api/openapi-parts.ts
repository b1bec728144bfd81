/** Types and helpers for writing a domain's OpenAPI fragment (see src/server/openapi.ts). */

/** One API operation in OpenAPI 3.1 form (the subset we use). */
export interface OpenApiOperation {
  summary: string;
  description?: string;
  tags?: string[];
  operationId: string;
  parameters?: { name: string; in: "path" | "query" | "header"; required?: boolean; description?: string; schema: unknown }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
  security?: Record<string, string[]>[];
}

/** HTTP methods an API path can have. */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What one domain contributes to the API document: its tags, paths and named schemas. */
export interface OpenApiFragment {
  tags?: { name: string; description: string }[];
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  schemas?: Record<string, unknown>;
}

/** A `$ref` to a named schema in components. */
export function ref(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** A JSON body (request or response) with the given schema. */
export function jsonContent(schema: unknown): Record<string, { schema: unknown }> {
  return { "application/json": { schema } };
}

const ERROR_TEXT: Record<number, string> = {
  400: "The request's shape is wrong (missing or mistyped field, invalid JSON).",
  401: "No API token, or the token is revoked or mistyped.",
  404: "Not found, or not yours.",
  409: "Conflicts with something that exists.",
  422: "Well-formed, but a rule refused it (the message says which and what to do).",
};

/** Standard error responses, each `{error:{code,message}}`. */
export function errorResponses(...statuses: (400 | 401 | 404 | 409 | 422)[]): OpenApiOperation["responses"] {
  return Object.fromEntries(statuses.map((s) => [String(s), { description: ERROR_TEXT[s]!, content: jsonContent(ref("Error")) }]));
}

/** JSON Schema without TypeBox's internal markers (they are symbols, but copy to be sure nothing else leaks). */
export function plainSchema(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema));
}
