import type { TObject, TProperties } from "@sinclair/typebox";
import { ApiProblem } from "./errors";

const MEDIA_TYPE = "application/json";

/**
 * Route options for an /api/v1 endpoint whose body is one JSON object of `schema` (strict: no field it does not
 * list; the schema says additionalProperties: false as well). The body is read here rather than by Elysia, so every bad shape gets the same `{error:{code,message}}`
 * refusal: another media type (text/plain was parsed as JSON) 415; unreadable JSON, an array or any other
 * non-object, and unknown fields (including __proto__ and constructor, which slipped through) 400.
 * With `optional`, an empty body counts as `{}`.
 */
export function jsonBody<S extends TObject>(schema: S, o: { optional?: boolean } = {}) {
  return {
    parse: ({ request }: { request: Request }) => readJson(request, o.optional ?? false),
    // Elysia turns anything thrown while parsing into its own parse error, so refusals are thrown from here.
    transform: ({ body }: { body: unknown }) => checkObject(body, schema.properties),
    body: schema,
  };
}

// A refusal found while reading the body, carried to the transform hook.
class RefusedBody {
  constructor(readonly problem: ApiProblem) {}
}

async function readJson(request: Request, optional: boolean): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await request.text();
  if (optional && text.trim() === "" && (type === "" || type === MEDIA_TYPE)) return {};
  if (type !== MEDIA_TYPE) {
    return new RefusedBody(
      new ApiProblem(
        415,
        "unsupported_media_type",
        `The request body must be JSON sent with Content-Type: ${MEDIA_TYPE}${type ? ` (it came as ${type.slice(0, 60)})` : ""}.`,
      ),
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    return new RefusedBody(
      new ApiProblem(400, "invalid_json", `The request body is not valid JSON. Send a JSON object with Content-Type: ${MEDIA_TYPE}.`),
    );
  }
}

function checkObject(value: unknown, properties: TProperties): void {
  if (value instanceof RefusedBody) throw value.problem;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const what = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    throw new ApiProblem(400, "invalid_request", `The request body must be a JSON object, not ${what}.`);
  }
  // Own keys only: `"constructor" in properties` is true for every object, which let such keys through.
  const unknown = Object.keys(value).filter((k) => !Object.hasOwn(properties, k));
  if (unknown.length) {
    throw new ApiProblem(
      400,
      "invalid_request",
      `The request body has unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(", ")}; allowed are ${Object.keys(properties).join(", ")}.`,
    );
  }
}
