import { errorResponses, jsonContent, ref, type OpenApiFragment } from "../api/openapi-parts";
import { PLATFORM_IDS } from "../platforms/ids";
import { API_POSTS_LIMIT } from "./api-routes";
import { CSV_COLUMNS } from "./csv";
import { MAX_RANGE_DAYS, SORTS } from "./params";
import { ENGAGEMENT_RATE_DEFINITION } from "./query";

const tags = ["Analytics"];

const filters = [
  {
    name: "range",
    in: "query" as const,
    description: "The last 7, 30 or 90 days up to the end of today in your time zone (30 when neither range nor from/to is given).",
    schema: { type: "string", enum: ["7", "30", "90", "custom"] },
  },
  {
    name: "from",
    in: "query" as const,
    description: `Start: a local date YYYY-MM-DD (its midnight in your time zone) or an ISO 8601 time. Periods over ${MAX_RANGE_DAYS} days or ending before they start answer 400.`,
    schema: { type: "string" },
  },
  {
    name: "to",
    in: "query" as const,
    description: "End: a local date YYYY-MM-DD (that whole day included) or an ISO 8601 time (excluded); today when left out.",
    schema: { type: "string" },
  },
  {
    name: "webapp_id",
    in: "query" as const,
    description: "Only these web apps (repeat the parameter for several). An id that is not one of yours answers 404.",
    schema: { type: "array", items: { type: "integer" } },
  },
  {
    name: "platform",
    in: "query" as const,
    description: "Only these platforms (repeat for several).",
    schema: { type: "array", items: { type: "string", enum: [...PLATFORM_IDS] } },
  },
  {
    name: "sort",
    in: "query" as const,
    description: "How posts are ranked (highest first).",
    schema: { type: "string", enum: [...SORTS] },
  },
];

const count = { type: "integer", minimum: 0 };
const maybeCount = {
  type: ["integer", "null"],
  minimum: 0,
  description: "null when the platform does not give it or it was not read yet.",
};
const rate = { type: ["number", "null"], description: ENGAGEMENT_RATE_DEFINITION };
const totals = {
  type: "object",
  required: ["posts", "views", "likes", "comments", "shares", "saves", "clicks", "engagementRate"],
  properties: {
    posts: count,
    views: count,
    likes: count,
    comments: count,
    shares: count,
    saves: count,
    clicks: count,
    engagementRate: rate,
    watchTimeSeconds: { type: "number", minimum: 0, description: "Total watch time in seconds of the posts whose platform reports it." },
    watchedPosts: { ...count, description: "How many posts report watch time." },
  },
};
const maybeSeconds = { type: ["number", "null"], minimum: 0, description: "Seconds; null where the platform does not give it." };
const filter = {
  type: "object",
  properties: {
    from: { type: "string", format: "date-time" },
    to: { type: "string", format: "date-time", description: "Exclusive end; figures are each post's latest reading at or before it." },
    webappIds: { type: "array", items: { type: "integer" } },
    platforms: { type: "array", items: { type: "string" } },
    timeZone: { type: "string" },
  },
};
const withKey = (key: Record<string, unknown>) => ({ allOf: [{ type: "object", properties: key }, ref("AnalyticsTotals")] });

/** The analytics endpoints of /api/v1 in OpenAPI form. */
export const analyticsOpenApi: OpenApiFragment = {
  tags: [{ name: "Analytics", description: "Your published posts' numbers over a period: totals, breakdowns, ranked posts, CSV." }],
  schemas: {
    AnalyticsTotals: totals,
    AnalyticsSummary: {
      type: "object",
      properties: {
        filter,
        totals: ref("AnalyticsTotals"),
        previous: { ...ref("AnalyticsTotals"), description: "The same-length period just before `from`." },
        byPlatform: { type: "array", items: withKey({ platform: { type: "string" } }) },
        byWebapp: { type: "array", items: withKey({ webappId: { type: "integer" }, webappName: { type: "string" } }) },
        daily: { type: "array", items: withKey({ day: { type: "string", description: "YYYY-MM-DD in your time zone." } }) },
        engagementRateDefinition: { type: "string" },
      },
    },
    AnalyticsPost: {
      type: "object",
      properties: {
        itemId: { type: "integer" },
        webappId: { type: "integer" },
        webappName: { type: "string" },
        platform: { type: "string" },
        publishedAt: { type: "string", format: "date-time" },
        caption: { type: "string" },
        thumbnailPath: { type: ["string", "null"], description: "Relative to /media/ (signed-in owner only)." },
        views: maybeCount,
        likes: maybeCount,
        comments: maybeCount,
        shares: maybeCount,
        saves: maybeCount,
        watchTimeSeconds: maybeSeconds,
        avgViewSeconds: maybeSeconds,
        completionRate: {
          type: ["number", "null"],
          minimum: 0,
          maximum: 1,
          description: "Share of the video watched (YouTube: average percentage viewed; 0..1), null where not given.",
        },
        clicks: count,
        engagementRate: rate,
        url: { type: ["string", "null"], description: "The post on the platform." },
        lastReadAt: { type: ["string", "null"], format: "date-time", description: "When the numbers shown were read." },
        removed: { type: "boolean", description: "Deleted on the platform (numbers are the last read before)." },
      },
    },
  },
  paths: {
    "/api/v1/analytics/summary": {
      get: {
        operationId: "getAnalyticsSummary",
        tags,
        summary: "Totals, change against the previous period, per platform, per web app and per day",
        description: "Posts published in the period, each counted once with its latest reading at or before the period's end.",
        parameters: filters.filter((p) => p.name !== "sort"),
        responses: {
          "200": { description: "The summary.", content: jsonContent(ref("AnalyticsSummary")) },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    "/api/v1/analytics/posts": {
      get: {
        operationId: "listAnalyticsPosts",
        tags,
        summary: "The period's posts with their figures, ranked",
        parameters: [
          ...filters,
          {
            name: "limit",
            in: "query",
            description: `At most this many posts (1 to ${API_POSTS_LIMIT}, 100 by default).`,
            schema: { type: "integer" },
          },
        ],
        responses: {
          "200": {
            description: "The posts.",
            content: jsonContent({
              type: "object",
              properties: { filter, sort: { type: "string" }, posts: { type: "array", items: ref("AnalyticsPost") } },
            }),
          },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    "/api/v1/analytics/posts.csv": {
      get: {
        operationId: "downloadAnalyticsPostsCsv",
        tags,
        summary: "The period's posts as CSV",
        description: `RFC 4180, UTF-8, a header row, ISO 8601 times in UTC, one row per post. Columns: ${CSV_COLUMNS.map((c) => c.name).join(", ")}. Text starting with = + - @ is prefixed with an apostrophe.`,
        parameters: filters,
        responses: {
          "200": { description: "The CSV file.", content: { "text/csv": { schema: { type: "string" } } } },
          ...errorResponses(400, 401, 404),
        },
      },
    },
  },
};
