import type { User } from "../../src/auth/sessions";
import type { ScheduleStatus } from "../../src/jobs/schedules";
import { Breadcrumb, Notice, Page } from "../layout/page";

function when(d: Date | null | undefined): string {
  return d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
}

/** One schedule's row: last run and outcome, next run, and "Run now" (htmx swaps the row). */
export function ScheduleRow(p: { s: ScheduleStatus; csrf: string }): JSX.Element {
  const last = p.s.lastRun;
  const badge = last ? (last.outcome === "ok" ? "ok" : last.outcome === "error" ? "danger" : "warn") : "";
  return (
    <tr id={`schedule-${p.s.name}`}>
      <td>
        <strong safe>{p.s.name}</strong>
        <p class="muted" safe>
          {p.s.description}
        </p>
        <code safe>{p.s.cron}</code>
      </td>
      <td>
        {last ? (
          <>
            <span safe>{when(last.startedAt)}</span>{" "}
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
      <td safe>{when(p.s.nextRun)}</td>
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
export function SchedulesPage(p: { user: User; csrf: string; unread: number; schedules: ScheduleStatus[]; notice?: string }): JSX.Element {
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
                <ScheduleRow s={s} csrf={p.csrf} />
              ))}
            </tbody>
          </table>
        </div>
      </>
    </Page>
  );
}
