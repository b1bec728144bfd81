import Html from "@kitajs/html";
import { engagementRateOf } from "../../src/model/engagement";
import type { CollectionRow, SnapshotRow } from "../../src/metrics/store";
import { formatLocal } from "../../src/lib/format";
import { Curve } from "./chart";
import { formatCount, formatDuration, formatRate, formatShare } from "./format";

/** What the item page shows of a published post's numbers: its readings (oldest first) and where collecting stands. */
export interface ItemMetricsData {
  snapshots: SnapshotRow[];
  collection: CollectionRow | undefined;
}

type Key =
  | "views"
  | "likes"
  | "comments"
  | "shares"
  | "saves"
  | "impressions"
  | "reach"
  | "watchTimeSeconds"
  | "avgViewSeconds"
  | "completionRate"
  | "profileVisits";

// The first five always show ("not given by" where the platform has none); the others only for platforms that give them.
const COUNTERS: { key: Key; label: string; always?: true; format?: (n: number) => string }[] = [
  { key: "views", label: "Views", always: true },
  { key: "likes", label: "Likes", always: true },
  { key: "comments", label: "Comments", always: true },
  { key: "shares", label: "Shares", always: true },
  { key: "saves", label: "Saves", always: true },
  { key: "impressions", label: "Impressions" },
  { key: "reach", label: "Reach" },
  { key: "watchTimeSeconds", label: "Watch time", format: formatDuration },
  { key: "avgViewSeconds", label: "Average view duration", format: formatDuration },
  { key: "completionRate", label: "Completion", format: formatShare },
  { key: "profileVisits", label: "Profile visits" },
];

/** A published post's own curves (one per figure over its readings), when its numbers were last read, and whether it was removed. */
export function ItemMetrics(props: { data: ItemMetricsData; platformLabel: string; timeZone: string }): JSX.Element {
  const { snapshots, collection } = props.data;
  if (!collection && snapshots.length === 0) return "";
  const last = snapshots.at(-1);
  const tz = props.timeZone;
  return (
    <section class="item-metrics">
      <link rel="stylesheet" href="/public/analytics.css" />
      <h2>Numbers</h2>
      {collection?.state === "removed" ? (
        <p class="notice notice-info" safe>
          {`Removed on ${props.platformLabel}${collection.removedAt ? ` (noticed ${formatLocal(collection.removedAt, tz)})` : ""}: its numbers are no longer read; the last ones read are kept.`}
        </p>
      ) : (
        ""
      )}
      {last ? (
        <p class="muted" safe>
          {`Numbers last read ${formatLocal(last.takenAt, tz)} · ${snapshots.length} reading${snapshots.length === 1 ? "" : "s"} · engagement rate ${formatRate(engagementRateOf(last))}`}
        </p>
      ) : (
        <p class="muted">Not read yet: the first numbers are read about an hour after publishing.</p>
      )}
      {collection?.problem ? (
        <p class="field-error" safe>
          {`Last problem reading the numbers: ${collection.problem}`}
        </p>
      ) : (
        ""
      )}
      {last ? (
        <div class="curves">
          {COUNTERS.filter((c) => c.always || snapshots.some((s) => s[c.key] !== null)).map((c) => {
            const points = snapshots.filter((s) => s[c.key] !== null).map((s) => ({ at: s.takenAt.getTime(), value: s[c.key] as number }));
            const value = last[c.key];
            return (
              <figure class="card">
                <figcaption
                  safe
                >{`${c.label}: ${value === null ? `not given by ${props.platformLabel}` : (c.format ?? formatCount)(value)}`}</figcaption>
                <Curve points={points} label={`${c.label} over the post's readings`} />
              </figure>
            );
          })}
        </div>
      ) : (
        ""
      )}
    </section>
  );
}
