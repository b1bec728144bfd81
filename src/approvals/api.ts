import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { findItemForUser, listContent, type ContentItem } from "../content/queries";
import { actOnBatch, approveItem, confirmClaims, editItem, rejectItem, type ActionResult } from "./actions";
import type { EditInput } from "./edit";
import { parseId } from "./form";
import { parseFilter } from "./library-routes";

/** An item as the API shows it (dates as ISO strings). */
export function toApiItem(i: ContentItem) {
  return {
    id: i.id,
    webappId: i.webappId,
    batchId: i.batchId,
    platform: i.platform,
    format: i.format,
    status: i.status,
    title: i.title,
    caption: i.caption,
    hashtags: i.hashtags,
    plannedAt: i.plannedAt?.toISOString() ?? null,
    writer: i.writer,
    reason: i.reason,
    rejectReason: i.rejectReason,
    mediaStatus: i.mediaStatus,
    media: i.media,
    permalink: i.permalink,
    unsupportedClaims: i.unsupportedClaims,
    sources: i.claimSources,
    updatedAt: i.updatedAt.toISOString(),
  };
}

function answer(result: ActionResult): Response {
  if (result.ok) return Response.json({ item: toApiItem(result.item), changed: result.changed });
  if (result.code === "not_found") return apiError(404, "not_found", result.message);
  return apiError(result.code === "invalid" ? 422 : 409, result.code, result.message);
}

function editInput(body: unknown): EditInput | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : undefined);
  const tags = Array.isArray(b.hashtags) ? b.hashtags.map(String) : str("hashtags");
  return { caption: str("caption"), hashtags: tags, title: str("title"), plannedAt: str("plannedAt") };
}

/** /api/v1 content and batch approval endpoints (Bearer token; another user's ids answer 404). */
export function approvalApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(bearerPlugin(ctx))
    .get("/content", ({ apiUser, query }) => Response.json({ items: listContent(ctx.db, apiUser!.id, parseFilter(query)).map(toApiItem) }))
    .get("/content/:id", ({ apiUser, params }) => {
      const id = parseId(params.id);
      const item = id !== undefined ? findItemForUser(ctx.db, apiUser!.id, id) : undefined;
      return item ? Response.json({ item: toApiItem(item) }) : apiError(404, "not_found", `Content item ${params.id} was not found.`);
    })
    .patch("/content/:id", ({ apiUser, params, body }) => {
      const id = parseId(params.id);
      const input = editInput(body);
      if (!input) return apiError(400, "bad_request", "Send a JSON object with any of caption, hashtags, title, plannedAt (ISO 8601).");
      if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
      return answer(editItem(ctx, apiUser!.id, id, input, apiUser!.timezone, { userId: apiUser!.id, channel: "api" }));
    })
    .post("/content/:id/approve", ({ apiUser, params }) => {
      const id = parseId(params.id);
      if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
      return answer(approveItem(ctx, apiUser!.id, id, { userId: apiUser!.id, channel: "api" }));
    })
    .post("/content/:id/reject", ({ apiUser, params, body }) => {
      const id = parseId(params.id);
      if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
      const reason =
        body && typeof body === "object" && typeof (body as { reason?: unknown }).reason === "string"
          ? (body as { reason: string }).reason
          : "";
      return answer(rejectItem(ctx, apiUser!.id, id, reason, { userId: apiUser!.id, channel: "api" }));
    })
    .post("/content/:id/confirm-claims", ({ apiUser, params }) => {
      const id = parseId(params.id);
      if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
      return answer(confirmClaims(ctx, apiUser!.id, id, { userId: apiUser!.id, channel: "api" }));
    })
    .post("/batches/:id/approve", ({ apiUser, params }) => {
      const id = parseId(params.id);
      const result = id !== undefined ? actOnBatch(ctx, apiUser!.id, id, "approve", { userId: apiUser!.id, channel: "api" }) : undefined;
      if (!result) return apiError(404, "not_found", `Batch ${params.id} was not found.`);
      // held: items with claims the site does not back, left for a person (absent when none).
      return Response.json({
        batchId: id,
        approved: result.changed,
        unchanged: result.unchanged,
        ...(result.held ? { held: result.held } : {}),
      });
    });
}
