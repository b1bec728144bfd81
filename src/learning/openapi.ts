import { errorResponses, jsonContent, ref, type OpenApiFragment } from "../api/openapi-parts";

const idParam = [{ name: "id", in: "path" as const, required: true, description: "The web app's id.", schema: { type: "integer" } }];
const tags = ["Learning"];
const num = { type: "number" };
const int = { type: "integer" };
const str = { type: "string" };

const historyRow = {
  type: "object",
  required: ["platform", "posted_at"],
  properties: {
    platform: { type: "string", enum: ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"] },
    posted_at: { type: "string", description: "ISO 8601 with offset, e.g. 2026-03-02T14:20:00+01:00" },
    text: str,
    views: int,
    impressions: int,
    likes: int,
    comments: int,
    shares: int,
    clicks: int,
  },
  description: "One past post; views or impressions is required.",
};

/** The learning endpoints of /api/v1 in OpenAPI form: history import and insights. */
export const learningOpenApi: OpenApiFragment = {
  tags: [{ name: "Learning", description: "Past results to learn from, and what the learner believes about posting times and styles." }],
  schemas: {
    HistoryRow: historyRow,
    HistoryImported: {
      type: "object",
      properties: { importId: str, imported: int, platforms: { type: "object", additionalProperties: int } },
    },
    HistoryRefused: {
      type: "object",
      properties: {
        error: ref("Error"),
        problems: { type: "array", items: { type: "object", properties: { line: int, reason: str } } },
      },
    },
    Insights: {
      type: "object",
      properties: {
        timezone: str,
        platforms: {
          type: "array",
          items: {
            type: "object",
            properties: {
              platform: str,
              posts: int,
              importedPosts: int,
              postsNeeded: int,
              engagementRate: num,
              bestWindows: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    days: str,
                    window: str,
                    startHour: int,
                    lift: num,
                    low: num,
                    high: num,
                    posts: int,
                    impressions: num,
                    prior: num,
                    vsPrior: num,
                    source: { enum: ["learned", "prior"] },
                  },
                },
              },
              arms: { type: "array", items: { type: "object" } },
              reasons: { type: "array", items: str, description: "What works in plain words, with posts and impressions behind it." },
              experiments: { type: "array", items: { type: "object" } },
              minGapMinutes: int,
              dailyCap: int,
            },
          },
        },
      },
    },
  },
  paths: {
    "/api/v1/webapps/{id}/history": {
      post: {
        operationId: "importHistory",
        tags,
        summary: "Import a web app's past posts and their results",
        description:
          "Send a platform's export as text/csv (first line names the columns) or application/json (a list of HistoryRow, or { rows: [...] }). Every row is checked; a file with any bad row is refused whole (422) with each row's line and reason, and nothing is stored. Imported posts count for learning like the app's own, marked as imported.",
        parameters: idParam,
        requestBody: {
          required: true,
          content: { "text/csv": { schema: str }, "application/json": { schema: { type: "array", items: ref("HistoryRow") } } },
        },
        responses: {
          "201": { description: "Every row was imported.", content: jsonContent(ref("HistoryImported")) },
          "422": { description: "Refused whole: the rows to fix, with line and reason.", content: jsonContent(ref("HistoryRefused")) },
          ...errorResponses(401, 404),
        },
      },
    },
    "/api/v1/webapps/{id}/insights": {
      get: {
        operationId: "getInsights",
        tags,
        summary: "What the learner believes about a web app",
        description:
          "Per platform: the best 2-hour windows in your time zone (weekdays and weekends) with lift, 80 % range, sample size and whether learned or still the general table's prior; the creative arms' estimates; A/B experiments and their verdicts; the gap and daily cap in force.",
        parameters: idParam,
        responses: { "200": { description: "The insights.", content: jsonContent(ref("Insights")) }, ...errorResponses(401, 404) },
      },
    },
  },
};
