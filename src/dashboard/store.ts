import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";

/** The dashboard's numbers for one user, all counted from the database. */
export interface DashboardCounts {
  webapps: number;
  activeWebapps: number;
  pendingApproval: number;
  scheduled: number;
  publishedLast7Days: number;
}

// The five counts in one statement (one WAL read lock), prepared once per database: the dashboard runs it on
// every view. Both web-app counts come from one pass over the covering index webapps_user_active_idx.
const countsOf = oncePerDb((db) =>
  db.$client.query<DashboardCounts, { userId: number; since: number }>(
    `select w.webapps, w.activeWebapps,
       (select count(*) from content_items where user_id = $userId and status = 'pending_approval') as pendingApproval,
       (select count(*) from content_items where user_id = $userId and status = 'scheduled') as scheduled,
       (select count(*) from content_items i where i.user_id = $userId and exists
         (select 1 from content_events e where e.item_id = i.id and e.to_status = 'published' and e.at >= $since)) as publishedLast7Days
     from (select count(*) as webapps, cast(total(active) as integer) as activeWebapps from webapps where user_id = $userId) w`,
  ),
);

/** Counts the user's web apps and content; "published" counts items that reached published in the 7 days before `now`. */
export function dashboardCounts(db: Db, userId: number, now: Date): DashboardCounts {
  const row = countsOf(db).get({ userId, since: now.getTime() - 7 * 24 * 3600 * 1000 });
  if (!row) throw new Error("dashboard.store: cannot count: the counts query returned no row");
  return row;
}
