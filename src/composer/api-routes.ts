import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { jsonBody } from "../api/json-body";
import { toApiItem } from "../approvals/api";
import { findItemForUser } from "../content/store";
import { composePost } from "./create";
import { parseHashtags, type FieldProblems } from "./validate";

/** Body of POST /api/v1/content: a post written by hand for one or more platforms. */
export const ContentCreateBody = t.Object(
  {
    webappId: t.Integer({ minimum: 1, description: "The web app the post is for (one of yours)." }),
    platforms: t.Array(t.String({ maxLength: 20 }), { minItems: 1, maxItems: 6, description: "Platform ids, e.g. x, linkedin." }),
    caption: t.String({ maxLength: 70_000, description: "The post's text; each platform's length limit applies." }),
    title: t.Optional(t.String({ maxLength: 500, description: "Needed by YouTube (2-100 characters)." })),
    hashtags: t.Optional(t.Union([t.String({ maxLength: 2000 }), t.Array(t.String({ maxLength: 200 }), { maxItems: 60 })])),
    linkUrl: t.Optional(t.String({ maxLength: 2000, description: "Added on its own line unless the caption holds it." })),
    plannedAt: t.Optional(t.String({ maxLength: 40, description: "ISO 8601 with offset; omitted: one hour from now." })),
    mediaFromItemId: t.Optional(t.Integer({ minimum: 1, description: "Reuse the finished image or video of one of your posts." })),
  },
  { additionalProperties: false },
);

/** The 422 answer: every sentence in `message`, the first field in `field`, and all of them per field in `fields`. */
function refused(problems: FieldProblems): Response {
  const fields = Object.keys(problems);
  const message = Object.values(problems).flat().join(" ");
  return Response.json({ error: { code: "invalid_field", message, field: fields[0], fields: problems } }, { status: 422 });
}

/** POST /api/v1/content: write a post of your own; one item per platform waits for approval like any generated post. */
export function composerApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.composer: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .post(
      "/content",
      async ({ apiUser, body, set }) => {
        const user = apiUser!;
        const input = {
          webappId: body.webappId,
          platforms: body.platforms,
          caption: body.caption,
          title: body.title ?? "",
          hashtags: parseHashtags(body.hashtags ?? []),
          linkUrl: body.linkUrl ?? "",
          plannedAt: body.plannedAt ?? "",
        };
        const result = await composePost(ctx, user, input, { fromItemId: body.mediaFromItemId }, "api");
        if (!result.ok && result.notFound) return apiError(404, "not_found", result.problems.webappId![0]!, "webappId");
        if (!result.ok) return refused(result.problems);
        set.status = 201;
        const items = result.itemIds.map((id) => toApiItem(findItemForUser(ctx.db, user.id, id)!));
        return { batchId: result.batchId, items };
      },
      jsonBody(ContentCreateBody),
    );
}
