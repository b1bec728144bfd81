import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { jsonBody } from "../api/json-body";
import { errorResponses, jsonContent, plainSchema, ref, type OpenApiFragment } from "../api/openapi-parts";
import { createAdapters } from "../publishing/adapters";
import { moderateComment } from "./moderate";
import { queueReply } from "./reply-job";
import { filterFromQuery } from "./routes";
import { type InboxRow, listInbox } from "./store";

/** The body of POST /api/v1/comments/{id}/reply. */
export const ReplyBody = t.Object(
  {
    text: t.String({
      minLength: 1,
      maxLength: 20_000,
      description: "The reply as it will be posted (checked against the platform's limit).",
    }),
  },
  { additionalProperties: false },
);

/** A comment as the API shows it (the text as the platform gave it: escape it wherever you show it). */
function toApiComment(r: InboxRow) {
  const c = r.comment;
  return {
    id: c.id,
    itemId: c.itemId,
    webappId: c.webappId,
    platform: c.platform,
    remoteId: c.remoteId,
    parentRemoteId: c.parentRemoteId,
    author: c.authorName,
    text: c.text,
    postedAt: c.postedAt.toISOString(),
    likeCount: c.likeCount,
    edited: c.edited,
    deleted: c.deleted,
    labels: c.labels,
    language: c.language,
    state: c.state,
    reply: r.replyPhase ? { phase: r.replyPhase, problem: r.replyProblem } : null,
  };
}

const idParam = t.Object({ id: t.Numeric() });

/** /api/v1/comments: the inbox for the token's user (someone else's comment answers 404). */
export function commentsApiRoutes(ctx: AppContext) {
  const deps = { adapters: createAdapters(ctx) };
  const notFound = () => apiError(404, "not_found", "There is no such comment.");
  const moderate = async (userId: number, id: number, action: "like" | "hide") => {
    const r = await moderateComment(ctx, deps, userId, id, action);
    if ("problem" in r) return r.notFound ? notFound() : apiError(409, "not_done", r.problem);
    return Response.json({ commentId: id, done: action });
  };
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.comments: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/comments", ({ apiUser, query }) => {
      const f = filterFromQuery(query);
      const limit = Number(query.limit);
      const rows = listInbox(ctx.db, apiUser!.id, { ...f, limit: Number.isInteger(limit) && limit > 0 ? limit : 100 }, ctx.clock.now());
      return Response.json({ comments: rows.map(toApiComment), next: rows.length ? rows.at(-1)!.comment.id : null });
    })
    .post(
      "/comments/:id/reply",
      ({ apiUser, params, body }) => {
        const r = queueReply(ctx, apiUser!.id, params.id, body.text);
        if ("problem" in r)
          return r.problem === "There is no such comment." ? notFound() : apiError(422, "not_sendable", r.problem, "text");
        return Response.json({ commentId: params.id, phase: r.reply.phase }, { status: 202 });
      },
      { params: idParam, ...jsonBody(ReplyBody) },
    )
    .post("/comments/:id/like", ({ apiUser, params }) => moderate(apiUser!.id, params.id, "like"), { params: idParam })
    .post("/comments/:id/hide", ({ apiUser, params }) => moderate(apiUser!.id, params.id, "hide"), { params: idParam });
}

const filterParams: { name: string; in: "query"; schema: unknown; description: string }[] = [
  { name: "app", in: "query", schema: { type: "integer" }, description: "Only this web app's comments." },
  { name: "platform", in: "query", schema: { type: "string" }, description: "Only this platform's comments." },
  {
    name: "show",
    in: "query",
    schema: { type: "string", enum: ["needs_reply", "question", "complaint", "spam", "all"] },
    description: "Default: open comments (not spam or hidden).",
  },
  { name: "hours", in: "query", schema: { type: "integer" }, description: "Only comments unanswered for more than this many hours." },
  {
    name: "before",
    in: "query",
    schema: { type: "integer" },
    description: "Comments with a smaller id (the next page: `next` of the last answer).",
  },
  { name: "limit", in: "query", schema: { type: "integer", maximum: 500 }, description: "At most this many (default 100)." },
];

const idPath = { name: "id", in: "path" as const, required: true, schema: { type: "integer" } };

/** The comments endpoints in OpenAPI form. */
export const commentsOpenApi: OpenApiFragment = {
  tags: [],
  schemas: {
    ReplyRequest: plainSchema(ReplyBody),
    Comment: {
      type: "object",
      required: ["id", "platform", "text", "labels", "state"],
      properties: {
        id: { type: "integer" },
        itemId: { type: "integer" },
        webappId: { type: "integer" },
        platform: { type: "string" },
        remoteId: { type: "string" },
        parentRemoteId: { type: ["string", "null"] },
        author: { type: "string" },
        text: { type: "string", description: "As the platform gave it: hostile input, escape it wherever it is shown." },
        postedAt: { type: "string", format: "date-time" },
        likeCount: { type: ["integer", "null"] },
        edited: { type: "boolean" },
        deleted: { type: "boolean" },
        labels: { type: "array", items: { type: "string" } },
        language: { type: "string" },
        state: { type: "string", enum: ["new", "needs_reply", "done", "spam", "hidden"] },
        reply: { type: ["object", "null"], properties: { phase: { type: "string" }, problem: { type: ["string", "null"] } } },
      },
    },
  },
  paths: {
    "/api/v1/comments": {
      get: {
        operationId: "listComments",
        tags: ["Comments"],
        summary: "Comments on your published posts, newest first",
        parameters: filterParams,
        responses: {
          "200": {
            description: "The comments and the id to pass as `before` for the next page.",
            content: jsonContent({
              type: "object",
              properties: { comments: { type: "array", items: ref("Comment") }, next: { type: ["integer", "null"] } },
            }),
          },
          ...errorResponses(401),
        },
      },
    },
    "/api/v1/comments/{id}/reply": {
      post: {
        operationId: "replyToComment",
        tags: ["Comments"],
        summary: "Reply to a comment (sent once, through the reply journal)",
        parameters: [idPath],
        requestBody: { required: true, content: jsonContent(ref("ReplyRequest")) },
        responses: {
          "202": { description: "The reply is queued (phase prepared), or was already sent (its phase)." },
          ...errorResponses(400, 401, 404, 422),
        },
      },
    },
    "/api/v1/comments/{id}/like": {
      post: {
        operationId: "likeComment",
        tags: ["Comments"],
        summary: "Like a comment as your account (Facebook, LinkedIn); other platforms answer 409 with the reason",
        parameters: [idPath],
        responses: { "200": { description: "Liked." }, ...errorResponses(401, 404, 409) },
      },
    },
    "/api/v1/comments/{id}/hide": {
      post: {
        operationId: "hideComment",
        tags: ["Comments"],
        summary: "Hide a comment on its platform (YouTube, Facebook, Instagram; LinkedIn and X have no hide: 409 with the reason)",
        parameters: [idPath],
        responses: { "200": { description: "Hidden." }, ...errorResponses(401, 404, 409) },
      },
    },
  },
};
