import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { zoneOrUtc } from "../lib/zoned-time";
import { postsCsv } from "./csv";
import { parseFilter } from "./params";
import { analyticsPosts, analyticsSummary, ENGAGEMENT_RATE_DEFINITION, type AnalyticsFilter } from "./query";
import { csvResponse, queryOf } from "./routes";
import { webappNames } from "./store";

/** The largest `limit` the posts endpoint takes (the CSV has no limit). */
export const API_POSTS_LIMIT = 10_000;

function filterJson(f: AnalyticsFilter) {
  return { from: f.from, to: f.to, webappIds: f.webappIds ?? [], platforms: f.platforms ?? [], timeZone: f.timeZone };
}

/** /api/v1/analytics/summary, /posts and /posts.csv: the token owner's numbers, with the page's filters. */
export function analyticsApiRoutes(ctx: AppContext) {
  const read = (userId: number, timeZone: string, request: Request) =>
    parseFilter(queryOf(request), {
      userId,
      timeZone: zoneOrUtc(timeZone),
      now: ctx.clock.now(),
      ownWebappIds: webappNames(ctx.db, userId).map((a) => a.id),
    });
  const refuse = (p: { status: 400 | 404; message: string; field: string }) =>
    apiError(p.status, p.status === 404 ? "not_found" : "invalid_field", p.message, p.field);
  return new Elysia({ prefix: "/api/v1/analytics" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.analytics: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/summary", ({ apiUser, request }) => {
      const parsed = read(apiUser!.id, apiUser!.timezone, request);
      if ("status" in parsed) return refuse(parsed);
      // The page's trend bars (weeks for long periods) stay out of the API: `daily` has every day.
      const { trend: _bars, ...s } = analyticsSummary(ctx.db, parsed.filter);
      return { ...s, filter: filterJson(s.filter), engagementRateDefinition: ENGAGEMENT_RATE_DEFINITION };
    })
    .get("/posts", ({ apiUser, request }) => {
      const q = queryOf(request);
      const limitRaw = q.limit?.[0] ?? "100";
      const limit = /^\d{1,6}$/.test(limitRaw) ? Number(limitRaw) : NaN;
      if (!(limit >= 1 && limit <= API_POSTS_LIMIT))
        return apiError(400, "invalid_field", `limit must be a whole number from 1 to ${API_POSTS_LIMIT}.`, "limit");
      const parsed = read(apiUser!.id, apiUser!.timezone, request);
      if ("status" in parsed) return refuse(parsed);
      return {
        filter: filterJson(parsed.filter),
        sort: parsed.form.sort,
        posts: analyticsPosts(ctx.db, parsed.filter, parsed.form.sort, limit),
      };
    })
    .get("/posts.csv", ({ apiUser, request }) => {
      const parsed = read(apiUser!.id, apiUser!.timezone, request);
      if ("status" in parsed) return refuse(parsed);
      return csvResponse(postsCsv(analyticsPosts(ctx.db, parsed.filter, parsed.form.sort, Number.MAX_SAFE_INTEGER)), parsed.form);
    });
}
