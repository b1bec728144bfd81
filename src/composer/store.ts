import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { batches, contentEvents, contentItems } from "../db/schema/content";
import { webapps } from "../db/schema/webapps";

/**
 * Hand-written posts live in their own batch per web app and planned local date: attempt 0 (the nightly run counts its
 * attempts from 1, from its own runs), ready at once, so the approval page, digests and expiry treat them as any batch.
 */
export const COMPOSER_ATTEMPT = 0;

/** A post as the composer inserts it: one row per platform. */
export interface ComposedRow {
  platform: string;
  format: "text" | "image" | "video" | "carousel";
  title: string;
  caption: string;
  hashtags: string[];
  linkUrl: string;
  plannedAt: Date;
  media: Record<string, unknown>;
}

/** A web app of the user by id (id and name); another user's id answers undefined. */
export function ownedWebapp(db: Db, userId: number, webappId: number): { id: number; name: string } | undefined {
  return db
    .select({ id: webapps.id, name: webapps.name })
    .from(webapps)
    .where(and(eq(webapps.id, webappId), eq(webapps.userId, userId)))
    .get();
}

/**
 * Inserts the posts as pending approval in the composer batch of (web app, local date), making that batch when it
 * is missing, with one "written" history line each, in one transaction; returns the batch and the items' ids.
 */
export function insertComposedItems(
  db: Db,
  owner: { userId: number; webappId: number; localDate: string },
  channel: "web" | "api",
  rows: ComposedRow[],
  now: Date,
): { batchId: number; itemIds: number[] } {
  return db.transaction(
    (tx) => {
      tx.insert(batches)
        .values({
          userId: owner.userId,
          webappId: owner.webappId,
          localDate: owner.localDate,
          attempt: COMPOSER_ATTEMPT,
          status: "ready",
          createdAt: now,
          readyAt: now,
        })
        .onConflictDoNothing()
        .run();
      const batch = tx
        .select({ id: batches.id })
        .from(batches)
        .where(and(eq(batches.webappId, owner.webappId), eq(batches.localDate, owner.localDate), eq(batches.attempt, COMPOSER_ATTEMPT)))
        .get();
      if (!batch) throw new Error(`composer.store: cannot make the batch of web app ${owner.webappId} for ${owner.localDate}`);
      const itemIds = rows.map((r) => {
        const id = tx
          .insert(contentItems)
          .values({
            ...r,
            userId: owner.userId,
            webappId: owner.webappId,
            batchId: batch.id,
            status: "pending_approval",
            writer: "hand", // the card reads "written by hand"
            mediaStatus: r.format === "text" ? "none" : "ready",
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: contentItems.id })
          .get().id;
        tx.insert(contentEvents)
          .values({ itemId: id, userId: owner.userId, at: now, action: "written", channel, toStatus: "pending_approval" })
          .run();
        return id;
      });
      return { batchId: batch.id, itemIds };
    },
    { behavior: "immediate" },
  );
}

/** Generated media a post may reuse: the user's items of a web app whose media is ready, newest first. */
export function pickableMedia(
  db: Db,
  userId: number,
  limit = 30,
): {
  itemId: number;
  webappId: number;
  platform: string;
  format: "image" | "video";
  title: string;
  media: Record<string, unknown>;
}[] {
  return db
    .select({
      itemId: contentItems.id,
      webappId: contentItems.webappId,
      platform: contentItems.platform,
      format: contentItems.format,
      title: contentItems.title,
      media: contentItems.media,
    })
    .from(contentItems)
    .where(and(eq(contentItems.userId, userId), eq(contentItems.mediaStatus, "ready"), inArray(contentItems.format, ["image", "video"])))
    .orderBy(desc(contentItems.id))
    .limit(limit)
    .all()
    .flatMap((r) => (r.format === "image" || r.format === "video" ? [{ ...r, format: r.format }] : []));
}

/** The media of one of the user's items when it is ready (for "pick generated media"); undefined otherwise. */
export function readyMediaOf(
  db: Db,
  userId: number,
  itemId: number,
): { format: "image" | "video"; media: Record<string, unknown>; webappId: number } | undefined {
  const r = db
    .select({ format: contentItems.format, media: contentItems.media, webappId: contentItems.webappId })
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId), eq(contentItems.mediaStatus, "ready")))
    .get();
  return r && (r.format === "image" || r.format === "video") ? { format: r.format, media: r.media, webappId: r.webappId } : undefined;
}
