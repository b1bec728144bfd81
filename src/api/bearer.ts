import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { findUserById, type UserRow } from "../users/store";
import { resolveApiToken } from "./tokens";

/** The JSON error body every /api/v1 failure uses. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

/** Builds a JSON error response: `{error:{code,message}}` (plus `field` when one input field is at fault) with the given status. */
export function apiError(status: number, code: string, message: string, field?: string): Response {
  const body: ApiErrorBody = { error: field ? { code, message, field } : { code, message } };
  return Response.json(body, { status });
}

/**
 * Elysia plugin for /api/v1 routes: resolves `Authorization: Bearer <token>` to `apiUser`,
 * answering 401 JSON before the handler when the token is missing or unknown.
 */
export function bearerPlugin(ctx: AppContext) {
  return new Elysia({ name: "amarktai.bearer" })
    .derive({ as: "scoped" }, ({ request }) => {
      const header = request.headers.get("authorization") ?? "";
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const userId = m ? resolveApiToken(ctx.db, m[1]!, ctx.clock.now()) : undefined;
      const apiUser: UserRow | undefined = userId !== undefined ? findUserById(ctx.db, userId) : undefined;
      return { apiUser };
    })
    .onBeforeHandle({ as: "scoped" }, ({ apiUser, request }) => {
      if (apiUser) return;
      const hasHeader = request.headers.has("authorization");
      return apiError(
        401,
        "unauthorized",
        hasHeader
          ? "The API token is not valid (revoked or mistyped)."
          : "Send a personal API token as 'Authorization: Bearer <token>'. Create one in Settings.",
      );
    });
}
