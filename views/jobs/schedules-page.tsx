import type { User } from "../../src/auth/sessions";
import type { ScheduleStatus } from "../../src/jobs/schedules";
import { cronInWords, dailyInWords } from "../../src/lib/cron-words";
import { formatInZone } from "../../src/lib/format";
import { Breadcrumb, Notice, Page } from "../layout/page";

/** How the schedules page speaks: the reader's zone, now, and the nightly run's local time (pipeline.nightly_time). */
export interface ScheduleWords {
  zone: string;
  now: Date;
  nightlyTime: string;
}

function when(d: Date | null | undefined, zone: string): string {
  return d ? formatInZone(d, zone) : "";
}

function often(s: ScheduleStatus, w: ScheduleWords): string {
  // The nightly schedule only checks often; each web app's batch starts at the nightly time in its owner's zone.
  if (s.name === "nightly-generation") return `${dailyInWords(w.nightlyTime, w.zone)} (checked ${cronInWords(s.cron, w.zone, w.now)})`;
  return cronInWords(s.cron, w.zone, w.now);
}

/** One schedule's row: how often it runs in words, last run and outcome, next run, and "Run now" (htmx swaps the row). */
export function ScheduleRow(p: { s: ScheduleStatus; csrf: string; words: ScheduleWords }): JSX.Element {
  const last = p.s.lastRun;
  const badge = last ? (last.outcome === "ok" ? "ok" : last.outcome === "error" ? "danger" : "warn") : "";
  return (
    <tr id={`schedule-${p.s.name}`}>
      <td>
        <strong safe>{p.s.name}</strong>
        <p class="muted" safe>
          {p.s.description}
        </p>
        <p class="flush" safe>
          {often(p.s, p.words)}
        </p>
      </td>
      <td>
        {last ? (
          <>
            <span safe>{when(last.startedAt, p.words.zone)}</span>{" "}
            <span class={`badge ${badge}`} safe>
              {last.outcome}
            </span>
            <p class="muted" safe>
              {last.detail}
            </p>
          </>
        ) : (
          <span class="muted">never</span>
        )}
      </td>
      <td safe>{when(p.s.nextRun, p.words.zone)}</td>
      <td>
        <form
          method="post"
          action={`/schedules/${p.s.name}/run`}
          hx-post={`/schedules/${p.s.name}/run`}
          hx-target={`#schedule-${p.s.name}`}
          hx-swap="outerHTML"
        >
          <input type="hidden" name="_csrf" value={p.csrf} />
          <button type="submit">Run now</button>
        </form>
      </td>
    </tr>
  );
}

/** /schedules (admins): every declared schedule with last run, next run and a "Run now" button. */
export function SchedulesPage(p: {
  user: User;
  csrf: string;
  unread: number;
  schedules: ScheduleStatus[];
  notice?: string;
  words: ScheduleWords;
}): JSX.Element {
  return (
    <Page title="Schedules" user={p.user} csrf={p.csrf} unread={p.unread} active="settings">
      <>
        <Breadcrumb parent={{ href: "/settings", label: "Settings" }} current="Schedules" />
        {p.notice ? (
          <Notice kind="ok">
            <span safe>{p.notice}</span>
          </Notice>
        ) : (
          ""
        )}
        <p class="muted" safe>{`Times are in your time zone, ${p.words.zone}.`}</p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Schedule</th>
                <th scope="col">Last run</th>
                <th scope="col">Next run</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.schedules.map((s) => (
                <ScheduleRow s={s} csrf={p.csrf} words={p.words} />
              ))}
            </tbody>
          </table>
        </div>
      </>
    </Page>
  );
}
