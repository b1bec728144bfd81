import { PLATFORM_IDS } from "../platforms/ids";

/** OpenAPI 3.1 paths of the content approval API, merged by src/server/openapi.ts. */
const error = { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
const idParam = { name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const item = {
  type: "object",
  properties: {
    id: { type: "integer" },
    webappId: { type: "integer" },
    batchId: { type: ["integer", "null"] },
    platform: { type: "string", enum: [...PLATFORM_IDS] },
    format: { type: "string", enum: ["video", "image", "text", "thread", "carousel"] },
    status: { type: "string" },
    title: { type: "string" },
    caption: { type: "string" },
    hashtags: { type: "array", items: { type: "string" } },
    plannedAt: { type: ["string", "null"], format: "date-time" },
    writer: { type: "string" },
    reason: { type: "string" },
    rejectReason: { type: ["string", "null"] },
    mediaStatus: { type: "string" },
    media: { type: "object" },
    permalink: { type: ["string", "null"] },
    unsupportedClaims: {
      type: "array",
      description:
        "Sentences no snippet of the site supports, with the reason. While any is listed the item is left out of batch approval, one-tap links and auto-approval; editing the copy or confirm-claims clears it.",
      items: { type: "object", properties: { text: { type: "string" }, reason: { type: "string" } }, required: ["text", "reason"] },
    },
    sources: {
      type: "array",
      description: "Every sentence of the post beside the site snippet it rests on (url and snippet empty when it states no fact).",
      items: {
        type: "object",
        properties: { field: { type: "string" }, text: { type: "string" }, url: { type: "string" }, snippet: { type: "string" } },
      },
    },
    slides: {
      type: "array",
      description:
        "A carousel's slides in order (cover, one fact each, call to action), each with the path of its rendered image under /media (null while rendering); empty for other formats.",
      items: {
        type: "object",
        properties: {
          kind: { type: "string", enum: ["cover", "fact", "cta"] },
          text: { type: "string" },
          image: { type: ["string", "null"] },
        },
        required: ["kind", "text", "image"],
      },
    },
    threadPosts: {
      type: "array",
      description: "An X thread's posts in order (format thread; the hashtags follow the last post); empty for other formats.",
      items: { type: "string" },
    },
    firstComment: {
      type: "string",
      description: "The comment published right after the post (Instagram; LinkedIn when the app puts the link there); empty for none.",
    },
    updatedAt: { type: "string", format: "date-time" },
  },
};
const itemResult = {
  description: "The item after the action; changed is false when it was already done.",
  content: { "application/json": { schema: { type: "object", properties: { item, changed: { type: "boolean" } } } } },
};

/** The paths fragment. */
export const approvalOpenApiPaths = {
  "/api/v1/content": {
    get: {
      operationId: "listContent",
      tags: ["content"],
      summary: "List content items (newest first)",
      parameters: [
        { name: "app", in: "query", schema: { type: "integer" } },
        { name: "platform", in: "query", schema: { type: "string" } },
        { name: "status", in: "query", schema: { type: "string" } },
        { name: "from", in: "query", schema: { type: "string", format: "date" } },
        { name: "to", in: "query", schema: { type: "string", format: "date" } },
      ],
      responses: {
        "200": {
          description: "Items",
          content: { "application/json": { schema: { type: "object", properties: { items: { type: "array", items: item } } } } },
        },
        "401": error,
      },
    },
  },
  "/api/v1/content/{id}": {
    get: {
      operationId: "getContent",
      tags: ["content"],
      summary: "One content item",
      parameters: [idParam],
      responses: {
        "200": { description: "The item", content: { "application/json": { schema: { type: "object", properties: { item } } } } },
        "404": error,
      },
    },
    patch: {
      operationId: "editContent",
      tags: ["content"],
      summary: "Edit caption, hashtags, title or planned time (checked against the platform's limits)",
      parameters: [idParam],
      requestBody: {
        content: {
          "application/json": {
            schema: {
              type: "object",
              properties: {
                caption: { type: "string" },
                hashtags: { type: "array", items: { type: "string" } },
                title: { type: "string" },
                plannedAt: { type: "string", format: "date-time" },
                slides: {
                  type: "array",
                  items: { type: "string" },
                  description: "A carousel's slide texts in order (blank ones removed); the slides are drawn again.",
                },
                thread: { type: "array", items: { type: "string" }, maxItems: 4, description: "A thread item's posts, in order" },
                firstComment: { type: "string" },
              },
            },
          },
        },
      },
      responses: { "200": itemResult, "404": error, "409": error, "422": error },
    },
  },
  "/api/v1/content/{id}/approve": {
    post: {
      operationId: "approveContent",
      tags: ["content"],
      summary: "Approve an item waiting for approval (idempotent)",
      parameters: [idParam],
      responses: { "200": itemResult, "404": error, "409": error },
    },
  },
  "/api/v1/content/{id}/reject": {
    post: {
      operationId: "rejectContent",
      tags: ["content"],
      summary: "Reject an item (idempotent), with an optional reason",
      parameters: [idParam],
      requestBody: {
        required: false,
        content: { "application/json": { schema: { type: "object", properties: { reason: { type: "string", maxLength: 500 } } } } },
      },
      responses: { "200": itemResult, "404": error, "409": error },
    },
  },
  "/api/v1/content/{id}/confirm-claims": {
    post: {
      operationId: "confirmContentClaims",
      tags: ["content"],
      summary: "Confirm the item's unsupported claims as a person (clears unsupportedClaims so batch approval includes it)",
      parameters: [idParam],
      responses: { "200": itemResult, "404": error, "409": error },
    },
  },
  "/api/v1/batches/{id}/approve": {
    post: {
      operationId: "approveBatch",
      tags: ["content"],
      summary: "Approve every item of a batch that waits for approval, except items with unsupported claims (counted as held)",
      parameters: [idParam],
      responses: {
        "200": {
          description: "Counts",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  batchId: { type: "integer" },
                  approved: { type: "integer" },
                  unchanged: { type: "integer" },
                  held: { type: "integer", description: "Items left for a person because of unsupported claims; absent when none" },
                },
              },
            },
          },
        },
        "404": error,
      },
    },
  },
} as const;
