import Html from "@kitajs/html";
import type { FilterProblem, FormState, Sort } from "../../src/analytics/params";
import type { PostRow, Summary, Totals } from "../../src/analytics/query";
import { ENGAGEMENT_RATE_TEXT } from "../../src/model/engagement";
import type { User } from "../../src/auth/sessions";
import { formatLocal } from "../../src/lib/format";
import { PLATFORM_IDS, type PlatformId } from "../../src/platforms/ids";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { Page } from "../layout/page";
import { BarChart, ShareBar } from "./chart";
import { countChange, formatCount, formatDuration, formatMaybe, formatRate, rateChange } from "./format";
import { analyticsHref } from "./href";
import { PostsTable } from "./posts";

type Metric = "posts" | "views" | "likes" | "comments" | "shares" | "saves" | "clicks" | "engagementRate";

/** The figures the page shows, in order, with the ranking that lists the posts behind each. */
const METRICS: { key: Metric; label: string; sort: Sort }[] = [
  { key: "posts", label: "Posts", sort: "time" },
  { key: "views", label: "Views", sort: "views" },
  { key: "likes", label: "Likes", sort: "engagement" },
  { key: "comments", label: "Comments", sort: "engagement" },
  { key: "shares", label: "Shares", sort: "engagement" },
  { key: "saves", label: "Saves", sort: "engagement" },
  { key: "clicks", label: "Clicks", sort: "clicks" },
  { key: "engagementRate", label: "Engagement rate", sort: "engagement" },
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A local date "2026-03-07" as "7 Mar 2026". */
export function dayLabel(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

const platformLabel = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;
const value = (t: Totals, m: Metric) => (m === "engagementRate" ? formatRate(t.engagementRate) : formatCount(t[m]));
const postsWord = (n: number) => `${formatCount(n)} post${n === 1 ? "" : "s"}`;

// A trend bar's dates: one day, or the first and last of its week.
const barDates = (b: { first: string; last: string }) =>
  b.first === b.last ? dayLabel(b.first) : `${dayLabel(b.first)} – ${dayLabel(b.last)}`;

/** What a figure counts, in words, for its tooltip: "1,400 views of 3 posts published 1 Mar 2026 – 7 Mar 2026". */
function figureTitle(t: Totals, m: Metric, where: string): string {
  const what = m === "engagementRate" ? `engagement rate ${formatRate(t.engagementRate)}` : `${value(t, m)} ${m === "posts" ? "" : m}`;
  return m === "posts" ? `${postsWord(t.posts)} ${where}` : `${what.trim()} from ${postsWord(t.posts)} ${where}`;
}

// Watch time shows only where some post's platform reports it (YouTube, Instagram reels, Facebook Reels).
function WatchTimeCard(props: { totals: Totals; previous: Totals; href: string; where: string }): JSX.Element {
  const t = props.totals;
  return (
    <a
      class="card stat"
      href={props.href}
      title={`${formatDuration(t.watchTimeSeconds)} of watch time from the ${postsWord(t.watchedPosts)} ${props.where} whose platform reports it`}
    >
      <span class="label">Watch time</span>
      <span class="value" safe>
        {formatDuration(t.watchTimeSeconds)}
      </span>
      <span class="change" safe>
        {`${countChange(t.watchTimeSeconds, props.previous.watchTimeSeconds)} vs ${formatDuration(props.previous.watchTimeSeconds)} before`}
      </span>
    </a>
  );
}

/** /analytics: the filters form (plain GET, htmx swaps the results region when scripts run) and the results. */
export function AnalyticsPage(props: {
  user: User;
  csrf: string;
  unread: number;
  apps: { id: number; name: string }[];
  form: FormState | undefined;
  results: JSX.Element;
}): JSX.Element {
  const f = props.form;
  return (
    <Page title="Analytics" user={props.user} csrf={props.csrf} unread={props.unread} active="analytics">
      <>
        <link rel="stylesheet" href="/public/analytics.css" />
        <form
          method="get"
          action="/analytics"
          class="filters card analytics-filters"
          hx-get="/analytics"
          hx-target="#analytics-results"
          hx-swap="innerHTML"
          hx-push-url="true"
        >
          <label>
            Period
            <select name="range">
              {["7", "30", "90"].map((r) => (
                <option value={r} selected={(f?.range ?? "30") === r ? true : undefined} safe>{`Last ${r} days`}</option>
              ))}
              <option value="custom" selected={f?.range === "custom" ? true : undefined}>
                From–to (below)
              </option>
            </select>
          </label>
          <label>
            From
            <input type="date" name="from" value={f?.range === "custom" ? f.fromDate : ""} />
          </label>
          <label>
            To
            <input type="date" name="to" value={f?.range === "custom" ? f.toDate : ""} />
          </label>
          <label>
            Web app
            <select name="webapp_id">
              <option value="">All</option>
              {props.apps.map((a) => (
                <option value={String(a.id)} selected={f?.webappIds.includes(a.id) ? true : undefined} safe>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Platform
            <select name="platform">
              <option value="">All</option>
              {PLATFORM_IDS.map((p) => (
                <option value={p} selected={f?.platforms.includes(p) ? true : undefined} safe>
                  {PLATFORM_RULES[p].label}
                </option>
              ))}
            </select>
          </label>
          <input type="hidden" name="sort" value={f?.sort ?? "views"} />
          <div class="actions">
            <button type="submit">Show</button>
          </div>
        </form>
        <div id="analytics-results" aria-live="polite">
          {props.results as "safe"}
        </div>
      </>
    </Page>
  );
}

/** Why the filters cannot be answered (a reversed or too long period, a web app that is not yours). */
export function AnalyticsProblem(props: { problem: FilterProblem }): JSX.Element {
  return (
    <div class="notice notice-error" role="alert">
      <p safe>{props.problem.message}</p>
      <p>
        <a href="/analytics">Show the last 30 days</a>
      </p>
    </div>
  );
}

/** The results region: totals with their change, a trend per figure, the breakdowns and the ranked posts. */
export function AnalyticsResults(props: {
  summary: Summary;
  posts: PostRow[];
  form: FormState;
  apps: { id: number; name: string }[];
}): JSX.Element {
  const { summary: s, form } = props;
  const period = `${dayLabel(form.fromDate)} – ${dayLabel(form.toDate)}`;
  const where = `published ${period}`;
  const csv = analyticsHref(form, {}, "/analytics/posts.csv");
  if (s.totals.posts === 0) return <EmptyState period={period} form={form} hasApps={props.apps.length > 0} />;
  const weekly = s.trend.length < s.daily.length;
  return (
    <>
      <p class="muted analytics-period" safe>
        {`${postsWord(s.totals.posts)} ${where}, each with its latest numbers; compared with the ${s.daily.length} days before.`}
      </p>
      <div class="cards analytics-totals">
        {METRICS.map((m) => (
          <a class="card stat" href={analyticsHref(form, { sort: m.sort, anchor: "posts" })} title={figureTitle(s.totals, m.key, where)}>
            <span class="label" safe>
              {m.label}
            </span>
            <span class="value" safe>
              {value(s.totals, m.key)}
            </span>
            <span class="change" safe>
              {`${m.key === "engagementRate" ? rateChange(s.totals.engagementRate, s.previous.engagementRate) : countChange(s.totals[m.key], s.previous[m.key])} vs ${value(s.previous, m.key)} before`}
            </span>
          </a>
        ))}
        {s.totals.watchedPosts > 0 ? (
          <WatchTimeCard
            totals={s.totals}
            previous={s.previous}
            href={analyticsHref(form, { sort: "views", anchor: "posts" })}
            where={where}
          />
        ) : (
          ""
        )}
      </div>
      <p class="hint definition" safe>
        {ENGAGEMENT_RATE_TEXT}
      </p>
      <h2 safe>{`Trends by ${weekly ? "week" : "day"} of publishing`}</h2>
      <p class="hint" safe>
        {`Each bar is the posts published that ${weekly ? "week (7 days from the date named)" : "day"}, with their latest numbers; point at a bar for its dates and posts, or choose them as From and To to list them.`}
      </p>
      <div class="analytics-trends">
        {METRICS.map((m) => (
          <figure class="card trend">
            <figcaption safe>{`${m.label} · ${value(s.totals, m.key)}`}</figcaption>
            <BarChart
              label={`${m.label} by ${weekly ? "week" : "day"}, ${period}`}
              bars={s.trend.map((d) => ({
                value: m.key === "engagementRate" ? (d.engagementRate ?? 0) : d[m.key],
                title: figureTitle(d, m.key, `published ${barDates(d)}`),
              }))}
            />
            <div class="axis-labels">
              <span safe>{dayLabel(s.trend[0]!.first)}</span>
              <span safe>{dayLabel(s.trend.at(-1)!.last)}</span>
            </div>
          </figure>
        ))}
      </div>
      <h2>By platform</h2>
      <Breakdown
        rows={s.byPlatform.map((p) => ({
          name: platformLabel(p.platform),
          totals: p,
          href: (sort) => analyticsHref(form, { platform: p.platform, sort, anchor: "posts" }),
        }))}
        whole={s.totals}
        where={where}
      />
      <h2>By web app</h2>
      <Breakdown
        rows={s.byWebapp.map((w) => ({
          name: w.webappName,
          totals: w,
          href: (sort) => analyticsHref(form, { webappId: w.webappId, sort, anchor: "posts" }),
        }))}
        whole={s.totals}
        where={where}
      />
      <h2 id="posts">Posts</h2>
      <PostsTable posts={props.posts} total={s.totals.posts} form={form} timeZone={s.filter.timeZone} csvHref={csv} />
    </>
  );
}

function Breakdown(props: {
  rows: { name: string; totals: Totals; href: (sort: Sort) => string }[];
  whole: Totals;
  where: string;
}): JSX.Element {
  return (
    <div class="table-wrap">
      <table class="analytics-breakdown responsive">
        <thead>
          <tr>
            <th>Name</th>
            {METRICS.map((m) => (
              <th safe>{m.label}</th>
            ))}
            <th>Share of views</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row" safe>
                {r.name}
              </th>
              {METRICS.map((m) => (
                <td data-label={m.label}>
                  <a href={r.href(m.sort)} title={figureTitle(r.totals, m.key, `of ${r.name} ${props.where}`)} safe>
                    {value(r.totals, m.key)}
                  </a>
                </td>
              ))}
              <td data-label="Share of views">
                <ShareBar
                  part={r.totals.views}
                  whole={props.whole.views}
                  label={`${r.name}: ${formatCount(r.totals.views)} of ${formatCount(props.whole.views)} views`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmptyState(props: { period: string; form: FormState; hasApps: boolean }): JSX.Element {
  const filtered = props.form.webappIds.length > 0 || props.form.platforms.length > 0;
  return (
    <div class="card empty analytics-empty">
      <p safe>{`No published posts ${filtered ? "match these filters " : ""}in ${props.period}.`}</p>
      <p>
        A post appears here once it is published (by the app, or marked as posted by hand with its URL). Its first numbers are read from the
        platform about an hour after publishing, then every hour for two days, daily to day 30 and weekly to day 90. Clicks count as soon as
        someone follows the post's short link.
      </p>
      {props.hasApps ? (
        filtered ? (
          <p>
            <a href={analyticsHref({ ...props.form, webappIds: [], platforms: [] })}>Show all web apps and platforms</a>
          </p>
        ) : (
          <p>
            <a href="/approval">Approve posts</a> to get them published, or choose a longer period above.
          </p>
        )
      ) : (
        <p>
          <a href="/webapps">Add a web app</a> first: the nightly run writes its posts.
        </p>
      )}
    </div>
  );
}
