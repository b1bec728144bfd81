import { errorResponses, jsonContent, plainSchema, ref, type OpenApiFragment } from "../api/openapi-parts";
import { ContentCreateBody } from "./api-routes";

/** POST /api/v1/content in OpenAPI form (merged beside the content listing under the same path). */
export const composerOpenApi: OpenApiFragment = {
  schemas: { ContentCreate: plainSchema(ContentCreateBody) },
  paths: {
    "/api/v1/content": {
      post: {
        operationId: "createContent",
        tags: ["content"],
        summary: "Write a post of your own",
        description:
          "Creates one item per platform, waiting for approval in the web app's batch of today, planned at `plannedAt`; approving it puts it on the same schedule and exactly-once publishing as generated posts. Every platform's rules apply (caption length as the platform counts it, with the link on its own line; hashtags; YouTube's title; media: YouTube and TikTok need a video, Instagram an image or video). A refusal answers 422 with every sentence in `message` and per field in `fields`. Another user's web app answers 404.",
        requestBody: { required: true, content: jsonContent(ref("ContentCreate")) },
        responses: {
          "201": {
            description: "Created: the batch and one item per platform (each shaped as GET /api/v1/content/{id} answers).",
            content: jsonContent({
              type: "object",
              required: ["batchId", "items"],
              properties: {
                batchId: { type: "integer" },
                items: {
                  type: "array",
                  items: {
                    type: "object",
                    required: ["id", "platform", "status", "plannedAt"],
                    properties: {
                      id: { type: "integer" },
                      platform: { type: "string" },
                      status: { type: "string", enum: ["pending_approval"] },
                      plannedAt: { type: "string", format: "date-time" },
                    },
                  },
                },
              },
            }),
          },
          ...errorResponses(400, 401, 404, 422),
        },
      },
    },
  },
};
