import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { clickSalts, linkClicks, shortLinks } from "../db/schema/clicks";

/** A short link row. */
export type ShortLinkRow = typeof shortLinks.$inferSelect;

/** What the redirect needs of a short link. */
export interface ShortLinkTarget {
  itemId: number;
  userId: number;
  targetUrl: string;
}

/** Saves an item's short link; an (item, target) pair that has one keeps it and its code is returned. */
export function insertShortLink(db: Db, link: { code: string; itemId: number; userId: number; targetUrl: string }, now: Date): string {
  try {
    const row = db
      .insert(shortLinks)
      .values({ ...link, createdAt: now })
      .onConflictDoNothing({ target: [shortLinks.itemId, shortLinks.targetUrl] })
      .returning({ code: shortLinks.code })
      .get();
    if (row) return row.code;
    return db
      .select({ code: shortLinks.code })
      .from(shortLinks)
      .where(and(eq(shortLinks.itemId, link.itemId), eq(shortLinks.targetUrl, link.targetUrl)))
      .get()!.code;
  } catch (e) {
    throw new Error(`clicks.store: cannot insert the short link of item ${link.itemId}: ${(e as Error).message}`);
  }
}

const findStatement = oncePerDb((db) =>
  db.$client.prepare<{ itemId: number; userId: number; targetUrl: string }, [string]>(
    "SELECT item_id AS itemId, user_id AS userId, target_url AS targetUrl FROM short_links WHERE code = ?",
  ),
);

/** The target of a short link by its code (one primary-key lookup), or undefined. */
export function findShortLink(db: Db, code: string): ShortLinkTarget | undefined {
  return findStatement(db).get(code) ?? undefined;
}

const clickStatement = oncePerDb((db) =>
  db.$client.prepare<never, [number, string, string, string, number]>(
    "INSERT OR IGNORE INTO link_clicks (item_id, day, visitor, code, clicked_at) VALUES (?, ?, ?, ?, ?)",
  ),
);

/** Records a click; the same visitor on the same item and UTC day is ignored. */
export function recordClick(db: Db, click: { itemId: number; day: string; visitor: string; code: string }, now: Date): void {
  clickStatement(db).run(click.itemId, click.day, click.visitor, click.code, now.getTime());
}

/** How many clicks an item has counted. */
export function itemClickCount(db: Db, itemId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(linkClicks).where(eq(linkClicks.itemId, itemId)).get()!.n;
}

/** The short links of an item. */
export function itemShortLinks(db: Db, itemId: number): ShortLinkRow[] {
  return db.select().from(shortLinks).where(eq(shortLinks.itemId, itemId)).all();
}

/** The salt of a UTC day, creating it from `fresh` when the day has none; other days' salts are deleted. */
export function saltOfDay(db: Db, day: string, fresh: string): string {
  db.insert(clickSalts).values({ day, salt: fresh }).onConflictDoNothing().run();
  db.delete(clickSalts).where(ne(clickSalts.day, day)).run();
  return db.select({ salt: clickSalts.salt }).from(clickSalts).where(eq(clickSalts.day, day)).get()!.salt;
}
