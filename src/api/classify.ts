import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { classifyComment, LABELS } from "../comments/classify";
import { PLATFORM_IDS } from "../platforms/ids";
import { bearerPlugin } from "./bearer";
import { apiErrorsPlugin } from "./errors";
import { jsonBody } from "./json-body";
import { errorResponses, jsonContent, plainSchema, ref, type OpenApiFragment } from "./openapi-parts";

/** The body of POST /api/v1/comments/classify: a comment's text and, optionally, the platform it came from. */
export const ClassifyBody = t.Object(
  {
    text: t.String({ maxLength: 20_000, description: "The comment as the platform gave it (at most 20,000 characters)." }),
    platform: t.Optional(
      t.Union(
        PLATFORM_IDS.map((p) => t.Literal(p)),
        { description: "Where the comment was posted." },
      ),
    ),
  },
  { additionalProperties: false },
);

/** POST /api/v1/comments/classify: the offline classifier on one text, so anyone can check what it says. */
export function classifyApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.classify: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .post("/comments/classify", ({ body }) => classifyComment({ text: body.text, platform: body.platform }), jsonBody(ClassifyBody));
}

/** The classify endpoint in OpenAPI form. */
export const classifyOpenApi: OpenApiFragment = {
  tags: [{ name: "Comments", description: "Understanding comments offline: labels, spam and language." }],
  schemas: {
    ClassifyRequest: plainSchema(ClassifyBody),
    Classification: {
      type: "object",
      required: ["labels", "spam", "language"],
      properties: {
        labels: { type: "array", items: { type: "string", enum: [...LABELS] }, description: "See docs/comments.md for each label." },
        spam: { type: "boolean" },
        language: { type: "string", description: 'ISO 639-1 code, or "und" when the text has too few letters to tell.' },
      },
    },
  },
  paths: {
    "/api/v1/comments/classify": {
      post: {
        operationId: "classifyComment",
        tags: ["Comments"],
        summary: "Classify one comment's text",
        description: "Runs the built-in offline classifier (no model, no network). The text is never stored.",
        requestBody: { required: true, content: jsonContent(ref("ClassifyRequest")) },
        responses: {
          "200": { description: "The labels, whether it is spam, and its language.", content: jsonContent(ref("Classification")) },
          ...errorResponses(400, 401),
        },
      },
    },
  },
};
