import type { User } from "../../src/auth/sessions";
import type { ContentFilter, ContentItem } from "../../src/content/types";
import { CONTENT_STATES } from "../../src/model/content-states";
import { PLATFORM_IDS } from "../../src/platforms/ids";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { statusClass, statusLabel } from "../approvals/card";
import { Page } from "../layout/page";

type Row = ContentItem & { webappName: string; localDate: string | null };

/** The content library: every item, filtered by app, platform, status and date. */
export function LibraryPage(props: {
  user: User;
  csrf: string;
  unread: number;
  rows: Row[];
  filter: ContentFilter;
  apps: { id: number; name: string }[];
}): JSX.Element {
  const f = props.filter;
  return (
    <Page title="Content" user={props.user} csrf={props.csrf} unread={props.unread} active="content">
      <>
        <form method="get" action="/content" class="filters card">
          <label>
            Web app
            <select name="app">
              <option value="">All</option>
              {props.apps.map((a) => (
                <option value={String(a.id)} selected={f.webappId === a.id ? true : undefined} safe>
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
                <option value={p} selected={f.platform === p ? true : undefined} safe>
                  {PLATFORM_RULES[p].label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Status
            <select name="status">
              <option value="">All</option>
              {CONTENT_STATES.map((s) => (
                <option value={s} selected={f.status === s ? true : undefined} safe>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </label>
          <label>
            From
            <input type="date" name="from" value={f.from ?? ""} />
          </label>
          <label>
            To
            <input type="date" name="to" value={f.to ?? ""} />
          </label>
          <div class="actions">
            <button type="submit">Filter</button>
          </div>
        </form>
        {props.rows.length === 0 ? (
          <div class="empty stack">
            <p class="flush">No content matches these filters. Posts appear here once a batch has been generated.</p>
            <p class="flush">
              <a class="button secondary" href="/start">
                Generate the first batch
              </a>
            </p>
          </div>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Web app</th>
                  <th>Platform</th>
                  <th>Status</th>
                  <th>Post</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr>
                    <td safe>{r.localDate ?? ""}</td>
                    <td safe>{r.webappName}</td>
                    <td safe>{PLATFORM_RULES[r.platform as keyof typeof PLATFORM_RULES]?.label ?? r.platform}</td>
                    <td>
                      <span class={statusClass(r.status)} safe>
                        {statusLabel(r.status)}
                      </span>
                    </td>
                    <td>
                      <a href={`/content/${r.id}`} safe>
                        {(r.title || r.caption).slice(0, 90) || `Item ${r.id}`}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    </Page>
  );
}
