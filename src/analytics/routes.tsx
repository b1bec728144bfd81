import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { zoneOrUtc } from "../lib/zoned-time";
import { AnalyticsPage, AnalyticsProblem, AnalyticsResults } from "../../views/analytics/page";
import { ResultCache, TtlCache } from "./cache";
import { csvFileName, postsCsv } from "./csv";
import { type FilterProblem, parseFilter } from "./params";
import { analyticsPage, analyticsPosts, postCount } from "./query";
import { MORE_POSTS, PostRows } from "../../views/analytics/posts";
import { webappNames } from "./store";
import { whatWorksFor } from "../learning/what-works";
import { AnalyticsWhatWorks } from "../../views/analytics/what-works";

/** How many posts the page's ranked table shows at first (more on demand; the CSV has them all). */
export const PAGE_POSTS = 20;

/** The most rows the no-JS "more" link may ask for at once. */
const MAX_SHOWN = 1000;

// A whole number from the query within [min, max], else `fallback`.
function count(q: Record<string, string[]>, name: string, fallback: number, min: number, max: number): number {
  const raw = q[name]?.[0] ?? "";
  return /^\d{1,6}$/.test(raw) ? Math.min(max, Math.max(min, Number(raw))) : fallback;
}

/** A query string with repeated names kept (webapp_id=1&webapp_id=2). */
export function queryOf(request: Request): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URL(request.url).searchParams) (out[k] ??= []).push(v);
  return out;
}

function html(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** How long "What works" is kept before the learner's model is read again (it moves with new readings, hourly at most). */
export const WHAT_WORKS_TTL_MS = 5 * 60_000;

/** /analytics (the page; its results region alone for htmx) and /analytics/posts.csv, for the signed-in user. */
export function analyticsRoutes(ctx: AppContext) {
  const read = (userId: number, timeZone: string, request: Request) => {
    const apps = webappNames(ctx.db, userId);
    const parsed = parseFilter(queryOf(request), {
      userId,
      timeZone: zoneOrUtc(timeZone),
      now: ctx.clock.now(),
      ownWebappIds: apps.map((a) => a.id),
    });
    return { apps, parsed };
  };
  const cache = new ResultCache<string>();
  const whatWorks = new TtlCache<string>(WHAT_WORKS_TTL_MS);
  return (
    new Elysia()
      .use(sessionPlugin(ctx))
      .get("/analytics", ({ auth, request }) => {
        const a = auth!;
        const { apps, parsed } = read(a.user.id, a.user.timezone, request);
        const shell = { user: a.user, csrf: a.session.csrfToken, unread: a.unread, apps };
        if ("status" in parsed) {
          const problem = <AnalyticsProblem problem={parsed} />;
          return html(isHtmx(request) ? problem : <AnalyticsPage {...shell} form={undefined} results={problem} />, parsed.status);
        }
        // The results are rendered once per user, filters, sort and rows shown until the database changes (see cache.ts).
        const shown = count(queryOf(request), "show", PAGE_POSTS, 1, MAX_SHOWN);
        const key = JSON.stringify([a.user.id, parsed.filter.timeZone, parsed.form, parsed.filter.from, parsed.filter.to, shown]);
        const results = cache.get(ctx.db, key, () => {
          const { summary, posts } = analyticsPage(ctx.db, parsed.filter, parsed.form.sort, shown);
          // "What works" reads the learner's model of each app in the filter: all-time, so it shows even for an empty period,
          // and the same for every period: kept per user and apps for a few minutes (fitting the model costs tens of ms).
          const worksKey = JSON.stringify([a.user.id, parsed.form.webappIds]);
          const works = whatWorks.get(worksKey, ctx.clock.now(), () =>
            String(<AnalyticsWhatWorks apps={whatWorksFor(ctx.db, a.user.id, parsed.form.webappIds)} />),
          );
          return String(<AnalyticsResults summary={summary} posts={posts} form={parsed.form} apps={apps} />) + works;
        });
        return html(isHtmx(request) ? results : <AnalyticsPage {...shell} form={parsed.form} results={results} />);
      })
      // The next rows of the posts table for its "more" button (htmx swaps them for the button).
      .get("/analytics/rows", ({ auth, request }) => {
        const a = auth!;
        const { parsed } = read(a.user.id, a.user.timezone, request);
        if ("status" in parsed) return problemText(parsed);
        const offset = count(queryOf(request), "offset", 0, 0, Number.MAX_SAFE_INTEGER);
        const posts = analyticsPosts(ctx.db, parsed.filter, parsed.form.sort, MORE_POSTS, offset);
        const total = postCount(ctx.db, parsed.filter);
        return html(<PostRows posts={posts} offset={offset} total={total} form={parsed.form} timeZone={parsed.filter.timeZone} />);
      })
      .get("/analytics/posts.csv", ({ auth, request }) => {
        const a = auth!;
        const { parsed } = read(a.user.id, a.user.timezone, request);
        if ("status" in parsed) return problemText(parsed);
        return csvResponse(postsCsv(analyticsPosts(ctx.db, parsed.filter, parsed.form.sort, Number.MAX_SAFE_INTEGER)), parsed.form);
      })
  );
}

/** A CSV download of the posts table. */
export function csvResponse(csv: string, form: { fromDate: string; toDate: string }): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${csvFileName(form.fromDate, form.toDate)}"`,
      "cache-control": "no-store",
    },
  });
}

function problemText(p: FilterProblem): Response {
  return new Response(p.message + "\n", { status: p.status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
