import { Elysia } from "elysia";
import { ActionRefused } from "../http/errors";
import { apiError } from "./bearer";

type ValidationLike = {
  all?: { path?: string; message?: string; summary?: string; value?: unknown; schema?: { enum?: unknown[]; description?: string } }[];
};

/** A sentence naming the first field Elysia's shape validation refused and why. */
export function describeValidation(error: unknown, where: string): string {
  const first = (error as ValidationLike).all?.[0];
  const path = (first?.path ?? "").replace(/^\//, "").replace(/\//g, ".");
  if (!path) return `The request ${where} is not valid: ${first?.summary ?? first?.message ?? "it has the wrong shape"}.`;
  if (first?.value === undefined) return `The field "${path}" is required in the request ${where}.`;
  if (first.schema?.enum) return `The field "${path}" in the request ${where} must be one of ${first.schema.enum.join(", ")}.`;
  return `The field "${path}" in the request ${where} is not valid: ${first.summary ?? first.message ?? "wrong type"}.`;
}

/** A failure an API handler or hook throws on purpose: answered as `{error:{code,message}}` with `status`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Maps ApiProblem and Elysia's own failures in /api routes to `{error:{code,message}}`: shape validation and
 * unreadable JSON answer 400, unknown routes 404, anything unexpected 500 (logged by the caller).
 */
export function apiErrorsPlugin(onUnexpected: (e: unknown) => void = () => {}) {
  return new Elysia({ name: "amarktai.api-errors" }).onError({ as: "scoped" }, ({ code, error }) => {
    if (error instanceof ApiProblem) return apiError(error.status, error.code, error.message);
    if (error instanceof ActionRefused) return apiError(403, "plan_limit", `${error.message} (${error.link.href})`);
    if (code === "VALIDATION") {
      const where =
        (error as { type?: string }).type === "params" ? "path" : (error as { type?: string }).type === "query" ? "query" : "body";
      return apiError(400, "invalid_request", describeValidation(error, where));
    }
    if (code === "PARSE")
      return apiError(400, "invalid_json", "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.");
    if (code === "NOT_FOUND") return apiError(404, "not_found", "There is no such API endpoint. See /api/v1/openapi.json for the list.");
    onUnexpected(error);
    return apiError(
      500,
      "internal_error",
      "Something went wrong on the server while handling this request; it was logged. Try again, and report it if it keeps happening.",
    );
  });
}
