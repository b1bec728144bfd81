import type { User } from "../../src/auth/sessions";
import type { ContentItem, HistoryLine } from "../../src/content/types";
import { formatLocal } from "../../src/lib/format";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { statusClass, statusLabel, writerLabel } from "../approvals/card";
import { MediaPreview } from "../approvals/media";
import { Page } from "../layout/page";
import { ItemMetrics, type ItemMetricsData } from "../analytics/item-metrics";
import { ExportForm } from "../exports/form";

function what(e: HistoryLine): string {
  const move = e.fromStatus || e.toStatus ? ` (${statusLabel(e.fromStatus ?? "?")} → ${statusLabel(e.toStatus ?? "?")})` : "";
  return `${e.action.replace(/_/g, " ")}${move}`;
}

/** One item with its copy, media and full history (who, what, when, which channel). */
export function ItemDetailPage(props: {
  user: User;
  csrf: string;
  unread: number;
  item: ContentItem;
  webappName: string;
  history: HistoryLine[];
  /** The post's readings and collection state once published (absent for items never published). */
  metrics?: ItemMetricsData;
}): JSX.Element {
  const { item } = props;
  const label = PLATFORM_RULES[item.platform as keyof typeof PLATFORM_RULES]?.label ?? item.platform;
  const tz = props.user.timezone;
  return (
    <Page title={`${label} post for ${props.webappName}`} user={props.user} csrf={props.csrf} unread={props.unread} active="content">
      <>
        <p>
          <a href="/content">Back to the library</a>
        </p>
        <div class="card stack">
          <p>
            <span class={statusClass(item.status)} safe>
              {statusLabel(item.status)}
            </span>{" "}
            <span
              class="muted"
              safe
            >{`${item.plannedAt ? formatLocal(item.plannedAt, tz) : "time not planned"} · ${writerLabel(item.writer)}`}</span>
          </p>
          <MediaPreview item={item} label={`the ${label} post`} />
          {item.title ? (
            <p class="item-title" safe>
              {item.title}
            </p>
          ) : (
            ""
          )}
          <p class="caption" safe>
            {item.caption}
          </p>
          <p class="tags" safe>
            {item.hashtags.map((h) => `#${h}`).join(" ")}
          </p>
          {item.reason ? <p class="reason" safe>{`Why: ${item.reason}`}</p> : ""}
          {item.rejectReason ? <p class="reason" safe>{`Rejected because: ${item.rejectReason}`}</p> : ""}
          {item.failure ? (
            <p class="field-error" safe>
              {item.failure}
            </p>
          ) : (
            ""
          )}
          {item.permalink ? <a href={item.permalink}>See it on the platform</a> : ""}
          <ExportForm csrf={props.csrf} what="item" id={item.id} label="Download bundle (zip)" />
        </div>
        {props.metrics ? <ItemMetrics data={props.metrics} platformLabel={label} timeZone={tz} /> : ""}
        <h2>History</h2>
        {props.history.length === 0 ? (
          <p class="muted">No history yet.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>What</th>
                  <th>Channel</th>
                  <th>Detail</th>
                </tr>
              </thead>
              <tbody>
                {props.history.map((e) => (
                  <tr>
                    <td safe>{formatLocal(e.at, tz)}</td>
                    <td safe>{e.who ?? "system"}</td>
                    <td safe>{what(e)}</td>
                    <td safe>{e.channel}</td>
                    <td safe>{e.detail}</td>
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
