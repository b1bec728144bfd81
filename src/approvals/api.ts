import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { jsonBody } from "../api/json-body";
import { findItemForUser, listContent, type ContentItem } from "../content/store";
import { actOnBatch, approveItem, confirmClaims, editItem, rejectItem, type ActionResult } from "./actions";
import type { EditInput } from "./edit";
import { parseId } from "./form";
import { parseFilter } from "./library-routes";
import { readSlides } from "../platforms/carousel";

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
    slides: apiSlides(i),
    threadPosts: i.threadPosts,
    firstComment: i.firstComment,
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** A carousel's slides in order, each with the image rendered for it (null while it renders); [] for other formats. */
function apiSlides(i: ContentItem): { kind: string; text: string; image: string | null }[] {
  if (i.format !== "carousel") return [];
  const images = ((i.media as { images?: { path: string }[] }).images ?? []).map((m) => m.path);
  return readSlides(i.script).map((s, k) => ({ ...s, image: images[k] ?? null }));
}

function answer(result: ActionResult): Response {
  if (result.ok) return Response.json({ item: toApiItem(result.item), changed: result.changed });
  if (result.code === "not_found") return apiError(404, "not_found", result.message);
  return apiError(result.code === "invalid" ? 422 : 409, result.code, result.message);
}

/** Body of PATCH /api/v1/content/{id}: any of the editable fields. */
export const ContentEditBody = t.Object(
  {
    caption: t.Optional(t.String({ maxLength: 10_000 })),
    hashtags: t.Optional(t.Union([t.String({ maxLength: 2000 }), t.Array(t.String({ maxLength: 200 }), { maxItems: 60 })])),
    title: t.Optional(t.String({ maxLength: 500 })),
    plannedAt: t.Optional(t.String({ maxLength: 40, description: "ISO 8601" })),
    slides: t.Optional(t.Array(t.String({ maxLength: 1000 }), { maxItems: 20 })),
    thread: t.Optional(t.Array(t.String({ maxLength: 2000 }), { maxItems: 4, description: "A thread item's posts, in order" })),
    firstComment: t.Optional(t.String({ maxLength: 3000 })),
  },
  { additionalProperties: false },
);

/** Body of POST /api/v1/content/{id}/reject: an optional reason. */
export const RejectBody = t.Object({ reason: t.Optional(t.String({ maxLength: 1000 })) }, { additionalProperties: false });

/** /api/v1 content and batch approval endpoints (Bearer token; another user's ids answer 404). */
export function approvalApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.content: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/content", ({ apiUser, query }) => Response.json({ items: listContent(ctx.db, apiUser!.id, parseFilter(query)).map(toApiItem) }))
    .get("/content/:id", ({ apiUser, params }) => {
      const id = parseId(params.id);
      const item = id !== undefined ? findItemForUser(ctx.db, apiUser!.id, id) : undefined;
      return item ? Response.json({ item: toApiItem(item) }) : apiError(404, "not_found", `Content item ${params.id} was not found.`);
    })
    .patch(
      "/content/:id",
      ({ apiUser, params, body }) => {
        const id = parseId(params.id);
        if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
        const input: EditInput = body;
        return answer(editItem(ctx, apiUser!.id, id, input, apiUser!.timezone, { userId: apiUser!.id, channel: "api" }));
      },
      jsonBody(ContentEditBody),
    )
    .post("/content/:id/approve", ({ apiUser, params }) => {
      const id = parseId(params.id);
      if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
      return answer(approveItem(ctx, apiUser!.id, id, { userId: apiUser!.id, channel: "api" }));
    })
    .post(
      "/content/:id/reject",
      ({ apiUser, params, body }) => {
        const id = parseId(params.id);
        if (id === undefined) return apiError(404, "not_found", `Content item ${params.id} was not found.`);
        return answer(rejectItem(ctx, apiUser!.id, id, body.reason ?? "", { userId: apiUser!.id, channel: "api" }));
      },
      jsonBody(RejectBody, { optional: true }),
    )
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
