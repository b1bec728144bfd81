import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { webapps } from "../db/schema/webapps";

/** A web app row. */
export type WebappRow = typeof webapps.$inferSelect;

/** The fields a user sets on a web app (everything but ids, owner and timestamps). */
export type WebappFields = Omit<typeof webapps.$inferInsert, "id" | "userId" | "createdAt" | "updatedAt">;

function fail(action: string, e: unknown): never {
  throw new Error(`webapps.store: cannot ${action}: ${e instanceof Error ? e.message : e}`);
}

/** The user's web apps, by name. */
export function listWebapps(db: Db, userId: number): WebappRow[] {
  return db.select().from(webapps).where(eq(webapps.userId, userId)).orderBy(asc(webapps.name), asc(webapps.id)).all();
}

/** One of the user's web apps; undefined when it does not exist or belongs to someone else. */
export function findWebapp(db: Db, userId: number, id: number): WebappRow | undefined {
  return db
    .select()
    .from(webapps)
    .where(and(eq(webapps.id, id), eq(webapps.userId, userId)))
    .get();
}

/** The user's web app with exactly this URL, if any. */
export function findWebappByUrl(db: Db, userId: number, url: string): WebappRow | undefined {
  return db
    .select()
    .from(webapps)
    .where(and(eq(webapps.userId, userId), eq(webapps.url, url)))
    .get();
}

/** Adds a web app for the user. */
export function insertWebapp(db: Db, userId: number, fields: WebappFields, now: Date): WebappRow {
  try {
    return db
      .insert(webapps)
      .values({ ...fields, userId, createdAt: now, updatedAt: now })
      .returning()
      .get();
  } catch (e) {
    fail("insert", e);
  }
}

/** Changes the user's web app; undefined when it is not theirs. */
export function updateWebapp(db: Db, userId: number, id: number, fields: Partial<WebappFields>, now: Date): WebappRow | undefined {
  try {
    return db
      .update(webapps)
      .set({ ...fields, updatedAt: now })
      .where(and(eq(webapps.id, id), eq(webapps.userId, userId)))
      .returning()
      .get();
  } catch (e) {
    fail(`update web app ${id}`, e);
  }
}

/** Deletes the user's web app (its batches and content go with it); returns the deleted row, undefined when not theirs. */
export function deleteWebapp(db: Db, userId: number, id: number): WebappRow | undefined {
  try {
    return db
      .delete(webapps)
      .where(and(eq(webapps.id, id), eq(webapps.userId, userId)))
      .returning()
      .get();
  } catch (e) {
    fail(`delete web app ${id}`, e);
  }
}

/** How many content items the user's web app has (shown before deleting it). */
export function countWebappContent(db: Db, userId: number, webappId: number): number {
  return (
    db
      .select({ n: count() })
      .from(contentItems)
      .where(and(eq(contentItems.webappId, webappId), eq(contentItems.userId, userId)))
      .get()?.n ?? 0
  );
}
