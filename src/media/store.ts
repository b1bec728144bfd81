import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { researchFacts } from "../db/schema/pipeline";
import { webapps } from "../db/schema/webapps";

/** A content item row. */
export type ContentItem = typeof contentItems.$inferSelect;
/** A web app row. */
export type WebApp = typeof webapps.$inferSelect;

/** The item and its web app (scoped to the item's owner), or undefined when either is gone. */
export function findItemWithApp(db: Db, itemId: number): { item: ContentItem; app: WebApp } | undefined {
  const item = db.select().from(contentItems).where(eq(contentItems.id, itemId)).get();
  if (!item) return undefined;
  const app = db
    .select()
    .from(webapps)
    .where(and(eq(webapps.id, item.webappId), eq(webapps.userId, item.userId)))
    .get();
  return app ? { item, app } : undefined;
}

/** Marks an item's media as waiting for a render. */
export function markMediaWaiting(db: Db, itemId: number, now: Date): void {
  try {
    db.update(contentItems).set({ mediaStatus: "waiting", mediaError: null, updatedAt: now }).where(eq(contentItems.id, itemId)).run();
  } catch (e) {
    throw new Error(`media.store: cannot mark item ${itemId} waiting: ${e instanceof Error ? e.message : e}`);
  }
}

/** Marks an item's media as rendering (clears the last error). */
export function markMediaRendering(db: Db, itemId: number, now: Date): void {
  try {
    db.update(contentItems).set({ mediaStatus: "rendering", mediaError: null, updatedAt: now }).where(eq(contentItems.id, itemId)).run();
  } catch (e) {
    throw new Error(`media.store: cannot mark item ${itemId} rendering: ${e instanceof Error ? e.message : e}`);
  }
}

/** Stores finished media on an item and marks it ready. */
export function saveMediaReady(db: Db, itemId: number, media: Record<string, unknown>, now: Date): void {
  try {
    db.update(contentItems).set({ mediaStatus: "ready", media, mediaError: null, updatedAt: now }).where(eq(contentItems.id, itemId)).run();
  } catch (e) {
    throw new Error(`media.store: cannot save media for item ${itemId}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Marks an item's media failed with a reason a person can act on. */
export function saveMediaFailed(db: Db, itemId: number, reason: string, now: Date): void {
  try {
    db.update(contentItems).set({ mediaStatus: "failed", mediaError: reason, updatedAt: now }).where(eq(contentItems.id, itemId)).run();
  } catch (e) {
    throw new Error(`media.store: cannot mark item ${itemId} failed: ${e instanceof Error ? e.message : e}`);
  }
}

/** True when the user owns the web app (media paths carry both ids). */
export function userOwnsWebapp(db: Db, userId: number, webappId: number): boolean {
  return !!db
    .select({ id: webapps.id })
    .from(webapps)
    .where(and(eq(webapps.id, webappId), eq(webapps.userId, userId)))
    .get();
}

/** The language of the app's site as research last read it ("en", "fr-CA", ...), or undefined before any research. */
export function siteLanguage(db: Db, webappId: number): string | undefined {
  const row = db
    .select({ facts: researchFacts.facts })
    .from(researchFacts)
    .where(eq(researchFacts.webappId, webappId))
    .orderBy(desc(researchFacts.createdAt), desc(researchFacts.id))
    .get();
  const lang = row?.facts.language;
  return typeof lang === "string" && lang ? lang : undefined;
}
