import Html from "@kitajs/html";
import type { FormState, Sort } from "../../src/analytics/params";
import type { PostRow } from "../../src/analytics/query";
import { formatLocal } from "../../src/lib/format";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { mediaUrl } from "../media/preview";
import { formatCount, formatDuration, formatMaybe, formatRate, formatShare } from "./format";
import { analyticsHref } from "./href";

const SORTABLE: { sort: Sort; label: string }[] = [
  { sort: "views", label: "Views" },
  { sort: "engagement", label: "Engagement rate" },
  { sort: "clicks", label: "Clicks" },
  { sort: "time", label: "Newest" },
];

/** The first words of a caption, cut at a word near `max` characters. */
export function captionStart(caption: string, max = 80): string {
  const one = caption.replace(/\s+/g, " ").trim();
  if (one.length <= max) return one;
  const cut = one.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// The post's video figures in words: average view duration and completion where given.
function watchTitle(p: PostRow & { watchTimeSeconds: number }): string {
  const parts = [`${formatDuration(p.watchTimeSeconds)} watched in total`];
  if (p.avgViewSeconds !== null) parts.push(`average view ${formatDuration(p.avgViewSeconds)}`);
  if (p.completionRate !== null) parts.push(`completion ${formatShare(p.completionRate)}`);
  return parts.join(" · ");
}

const COUNTS: { key: "views" | "likes" | "comments" | "shares" | "saves"; label: string }[] = [
  { key: "views", label: "Views" },
  { key: "likes", label: "Likes" },
  { key: "comments", label: "Comments" },
  { key: "shares", label: "Shares" },
  { key: "saves", label: "Saves" },
];

/** How many rows the "more" button adds to the posts table. */
export const MORE_POSTS = 50;

/** The ranked posts: thumbnail, caption start (to the item page), platform, local time and figures; cards on narrow screens. */
export function PostsTable(props: { posts: PostRow[]; total: number; form: FormState; timeZone: string; csvHref: string }): JSX.Element {
  return (
    <>
      <p class="sort-links">
        <span>Rank by:</span>{" "}
        {SORTABLE.map((s) =>
          s.sort === props.form.sort ? (
            <strong aria-current="true" safe>
              {s.label}
            </strong>
          ) : (
            <a
              href={analyticsHref(props.form, { sort: s.sort, anchor: "posts" })}
              hx-get={analyticsHref(props.form, { sort: s.sort })}
              hx-target="#analytics-results"
              hx-push-url={analyticsHref(props.form, { sort: s.sort, anchor: "posts" })}
              safe
            >
              {s.label}
            </a>
          ),
        )}{" "}
        <a class="button secondary csv" href={props.csvHref} download="">
          Download CSV
        </a>{" "}
        <a class="button secondary" href="/reports/week.pdf" download="">
          Weekly report (PDF)
        </a>
      </p>
      <p class="hint" safe>
        {`${formatCount(props.total)} post${props.total === 1 ? "" : "s"}, ranked; point at a row for when its numbers were read. The CSV has them all.`}
      </p>
      <div class="table-wrap">
        <table class="analytics-posts responsive">
          <thead>
            <tr>
              <th>Post</th>
              <th>Platform</th>
              <th>Published</th>
              {COUNTS.map((c) => (
                <th safe>{c.label}</th>
              ))}
              <th>Watch time</th>
              <th>Clicks</th>
              <th>Engagement rate</th>
            </tr>
          </thead>
          <PostRows posts={props.posts} offset={0} total={props.total} form={props.form} timeZone={props.timeZone} />
        </table>
      </div>
    </>
  );
}

/**
 * Rows `offset` on of the posts table, then (while more remain) a "more" row: htmx swaps it for the next rows from
 * /analytics/rows, and without scripts it is a link to the page showing more rows.
 */
export function PostRows(props: { posts: PostRow[]; offset: number; total: number; form: FormState; timeZone: string }): JSX.Element {
  const tz = props.timeZone;
  const next = props.offset + props.posts.length;
  return (
    <>
      <tbody>
        {props.posts.map((p) => {
          const label = PLATFORM_RULES[p.platform]?.label ?? p.platform;
          return (
            <tr title={p.lastReadAt ? `Numbers read ${formatLocal(p.lastReadAt, tz)}` : "Not read from the platform yet"}>
              <th scope="row" class="post">
                <a href={`/content/${p.itemId}`} class="post-link">
                  {p.thumbnailPath ? <img src={mediaUrl(p.thumbnailPath)} alt="" width="48" height="48" loading="lazy" /> : ""}
                  <span safe>{captionStart(p.caption) || `Post ${p.itemId}`}</span>
                </a>
                {p.removed ? <span class="badge" safe>{`removed on ${label}`}</span> : ""}
              </th>
              <td data-label="Platform" safe>
                {label}
              </td>
              <td data-label="Published">
                <time datetime={p.publishedAt.toISOString()} safe>
                  {formatLocal(p.publishedAt, tz)}
                </time>
              </td>
              {COUNTS.map((c) => (
                <td data-label={c.label} safe>
                  {formatMaybe(p[c.key])}
                </td>
              ))}
              <td
                data-label="Watch time"
                title={p.watchTimeSeconds === null ? undefined : watchTitle({ ...p, watchTimeSeconds: p.watchTimeSeconds })}
                safe
              >
                {p.watchTimeSeconds === null ? "–" : formatDuration(p.watchTimeSeconds)}
              </td>
              <td data-label="Clicks" safe>
                {formatCount(p.clicks)}
              </td>
              <td data-label="Engagement rate" safe>
                {formatRate(p.engagementRate)}
              </td>
            </tr>
          );
        })}
      </tbody>
      {next < props.total ? (
        <tbody class="more-posts">
          <tr>
            <td colspan="12">
              <a
                class="button secondary"
                href={analyticsHref(props.form, { show: next + MORE_POSTS, anchor: "posts" })}
                hx-get={analyticsHref(props.form, { offset: next }, "/analytics/rows")}
                hx-target="closest tbody"
                hx-swap="outerHTML"
                safe
              >
                {`Show ${Math.min(MORE_POSTS, props.total - next)} more of ${formatCount(props.total - next)}`}
              </a>
            </td>
          </tr>
        </tbody>
      ) : (
        ""
      )}
    </>
  );
}
