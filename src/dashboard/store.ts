import { and, count, countDistinct, eq, gte } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentEvents, contentItems } from "../db/schema/content";
import { webapps } from "../db/schema/webapps";

/** The dashboard's numbers for one user, all counted from the database. */
export interface DashboardCounts {
  webapps: number;
  activeWebapps: number;
  pendingApproval: number;
  scheduled: number;
  publishedLast7Days: number;
}

/** Counts the user's web apps and content; "published" counts items that reached published in the 7 days before `now`. */
export function dashboardCounts(db: Db, userId: number, now: Date): DashboardCounts {
  const apps = db.select({ n: count() }).from(webapps).where(eq(webapps.userId, userId)).get()?.n ?? 0;
  const active = db.select({ n: count() }).from(webapps).where(and(eq(webapps.userId, userId), eq(webapps.active, true))).get()?.n ?? 0;
  const inState = (status: "pending_approval" | "scheduled") =>
    db.select({ n: count() }).from(contentItems).where(and(eq(contentItems.userId, userId), eq(contentItems.status, status))).get()?.n ?? 0;
  const since = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const published =
    db
      .select({ n: countDistinct(contentEvents.itemId) })
      .from(contentEvents)
      .innerJoin(contentItems, eq(contentItems.id, contentEvents.itemId))
      .where(and(eq(contentItems.userId, userId), eq(contentEvents.toStatus, "published"), gte(contentEvents.at, since)))
      .get()?.n ?? 0;
  return { webapps: apps, activeWebapps: active, pendingApproval: inState("pending_approval"), scheduled: inState("scheduled"), publishedLast7Days: published };
}
