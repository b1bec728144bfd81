import { and, asc, eq, gte, isNotNull, lt, ne, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { webapps } from "../db/schema/webapps";
import type { ContentState } from "../model/content-states";

/** One post as the calendar shows it: planned, or published at the time its history says. */
export interface CalendarItem {
  id: number;
  platform: string;
  status: ContentState;
  title: string;
  caption: string;
  media: Record<string, unknown>;
  webappName: string;
  plannedAt: Date | null;
  publishedAt: Date | null;
}

/** States that never reach the calendar: not yet written, or thrown away. */
const OFF_CALENDAR: ContentState[] = ["draft", "rejected", "expired"];

// A published post sits at the moment it was published (its history's last move to "published"), others at their plan.
const publishedAt = sql<
  number | null
>`(SELECT max(e.at) FROM content_events e WHERE e.item_id = ${contentItems.id} AND e.to_status = 'published')`;
const shownAt = sql<number>`coalesce(CASE WHEN ${contentItems.status} = 'published' THEN ${publishedAt} END, ${contentItems.plannedAt})`;

/** The user's posts whose calendar time falls in [from, to), earliest first. */
export function calendarItems(db: Db, userId: number, from: Date, to: Date): CalendarItem[] {
  const rows = db
    .select({
      id: contentItems.id,
      platform: contentItems.platform,
      status: contentItems.status,
      title: contentItems.title,
      caption: contentItems.caption,
      media: contentItems.media,
      webappName: webapps.name,
      plannedAt: contentItems.plannedAt,
      publishedAt: sql<number | null>`CASE WHEN ${contentItems.status} = 'published' THEN ${publishedAt} END`,
    })
    .from(contentItems)
    .innerJoin(webapps, eq(webapps.id, contentItems.webappId))
    .where(
      and(
        eq(contentItems.userId, userId),
        notInArray(contentItems.status, OFF_CALENDAR),
        gte(shownAt, from.getTime()),
        lt(shownAt, to.getTime()),
      ),
    )
    .orderBy(asc(shownAt), asc(contentItems.id))
    .all();
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt) }));
}

/** The planned (or published) times of the user's other posts on one platform in [from, to): the account's neighbours for the gap. */
export function accountTimesNear(
  db: Db,
  userId: number,
  platform: string,
  exceptItemId: number,
  from: Date,
  to: Date,
): { id: number; at: Date }[] {
  return db
    .select({ id: contentItems.id, at: contentItems.plannedAt })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.userId, userId),
        eq(contentItems.platform, platform),
        ne(contentItems.id, exceptItemId),
        notInArray(contentItems.status, [...OFF_CALENDAR, "failed"]),
        isNotNull(contentItems.plannedAt),
        gte(contentItems.plannedAt, from),
        lt(contentItems.plannedAt, to),
      ),
    )
    .orderBy(asc(contentItems.plannedAt))
    .all()
    .map((r) => ({ id: r.id, at: r.at! }));
}

/** The allowed posting hours ("HH:MM-HH:MM", "" for any time) of the web app an item belongs to. */
export function allowedHoursOfItem(db: Db, itemId: number): string | undefined {
  return db
    .select({ hours: webapps.allowedHours })
    .from(contentItems)
    .innerJoin(webapps, eq(webapps.id, contentItems.webappId))
    .where(eq(contentItems.id, itemId))
    .get()?.hours;
}
