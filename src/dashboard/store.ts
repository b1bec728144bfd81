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

// The five counts in one statement, prepared once per database: the dashboard runs it on every view.
const countsOf = oncePerDb((db) =>
  db.$client.query<DashboardCounts, { userId: number; since: number }>(
    `select
       (select count(*) from webapps where user_id = $userId) as webapps,
       (select count(*) from webapps where user_id = $userId and active = 1) as activeWebapps,
       (select count(*) from content_items where user_id = $userId and status = 'pending_approval') as pendingApproval,
       (select count(*) from content_items where user_id = $userId and status = 'scheduled') as scheduled,
       (select count(distinct e.item_id) from content_events e inner join content_items i on i.id = e.item_id
         where i.user_id = $userId and e.to_status = 'published' and e.at >= $since) as publishedLast7Days`,
  ),
);

/** Counts the user's web apps and content; "published" counts items that reached published in the 7 days before `now`. */
export function dashboardCounts(db: Db, userId: number, now: Date): DashboardCounts {
  const row = countsOf(db).get({ userId, since: now.getTime() - 7 * 24 * 3600 * 1000 });
  if (!row) throw new Error("dashboard.store: cannot count: the counts query returned no row");
  return row;
}
