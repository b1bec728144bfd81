import { and, desc, eq, inArray, isNull, lte, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
import { contentEvents, contentItems } from "../db/schema/content";
import { commentReplies, comments, commentSync, inboxSettings } from "../db/schema/inbox";
import { researchFacts } from "../db/schema/pipeline";
import { publishJournal } from "../db/schema/platforms";
import { webapps } from "../db/schema/webapps";

/** A stored comment. */
export type CommentRow = typeof comments.$inferSelect;
/** A comment as the sync writes it. */
export type NewComment = typeof comments.$inferInsert;
/** Where a comment stands in the inbox. */
export type CommentState = CommentRow["state"];

/** A published post whose comments are read, with what the reader needs to ask for them. */
export interface PostToRead {
  itemId: number;
  userId: number;
  webappId: number;
  webappUrl: string;
  platform: string;
  remoteId: string;
  publishedAt: Date;
  journalConnectionId: number | null;
  /** Where the last read stopped at its page budget (null: read from the first page). */
  cursor: string | null;
}

/** Puts published posts with a platform id on the comment schedule (first read due at once); returns how many were added. */
export function enrollPublishedPosts(db: Db, now: Date): number {
  const publishedAt = sql<number>`coalesce((select max(${contentEvents.at}) from ${contentEvents} where ${contentEvents.itemId} = ${contentItems.id} and ${contentEvents.toStatus} = 'published'), ${contentItems.updatedAt})`;
  const rows = db
    .select({ itemId: contentItems.id, userId: contentItems.userId, publishedAt: publishedAt.mapWith((v: number) => new Date(v)) })
    .from(contentItems)
    .leftJoin(commentSync, eq(commentSync.itemId, contentItems.id))
    .where(and(eq(contentItems.status, "published"), sql`${contentItems.remoteId} is not null`, isNull(commentSync.itemId)))
    .all();
  if (rows.length === 0) return 0;
  db.transaction(() => {
    for (const r of rows)
      db.insert(commentSync)
        .values({ ...r, nextDueAt: now })
        .onConflictDoNothing()
        .run();
  });
  return rows.length;
}

const postColumns = {
  itemId: contentItems.id,
  userId: contentItems.userId,
  webappId: contentItems.webappId,
  webappUrl: webapps.url,
  platform: contentItems.platform,
  remoteId: sql<string>`${contentItems.remoteId}`,
  publishedAt: commentSync.publishedAt,
  journalConnectionId: publishJournal.connectionId,
  cursor: commentSync.cursor,
};

/** Posts whose next comment read is due at `now` (or the one post `itemId`, whatever its schedule). */
export function postsToRead(db: Db, now: Date, itemId?: number): PostToRead[] {
  const where = itemId !== undefined ? eq(commentSync.itemId, itemId) : lte(commentSync.nextDueAt, now);
  return db
    .select(postColumns)
    .from(commentSync)
    .innerJoin(contentItems, eq(contentItems.id, commentSync.itemId))
    .innerJoin(webapps, eq(webapps.id, contentItems.webappId))
    .leftJoin(publishJournal, eq(publishJournal.itemId, contentItems.id))
    .where(and(where, sql`${contentItems.remoteId} is not null`))
    .all();
}

/** Records a read (or a problem) and when the post is read next (null: never again). */
export function recordRead(db: Db, itemId: number, r: { at: Date; nextDueAt: Date | null; problem: string | null; ok: boolean }): void {
  db.update(commentSync)
    .set({ nextDueAt: r.nextDueAt, problem: r.problem, ...(r.ok ? { lastReadAt: r.at } : {}) })
    .where(eq(commentSync.itemId, itemId))
    .run();
}

/** Keeps the platform's cursor where a read stopped at its page budget (null once a read reached the last page). */
export function recordCursor(db: Db, itemId: number, cursor: string | null): void {
  db.update(commentSync).set({ cursor }).where(eq(commentSync.itemId, itemId)).run();
}

/** A post's comment schedule row (for the CLI and the page), or undefined when it is not on it. */
export function syncStateOf(db: Db, itemId: number) {
  return db.select().from(commentSync).where(eq(commentSync.itemId, itemId)).get();
}

/** The comments already stored for a post, by remote id. */
export function storedCommentsOf(db: Db, itemId: number): Map<string, CommentRow> {
  return new Map(
    db
      .select()
      .from(comments)
      .where(eq(comments.itemId, itemId))
      .all()
      .map((c) => [c.remoteId, c]),
  );
}

/** Fingerprints are computed by the caller; this gives the texts of the user's comments on other posts (the newest 2,000). */
export function otherPostsTexts(db: Db, userId: number, itemId: number): string[] {
  return db
    .select({ text: comments.text })
    .from(comments)
    .where(and(eq(comments.userId, userId), sql`${comments.itemId} <> ${itemId}`, eq(comments.ours, false)))
    .orderBy(desc(comments.postedAt))
    .limit(2000)
    .all()
    .map((r) => r.text);
}

/** Writes a read's new and changed comments and marks those the platform no longer lists as deleted, in one transaction. */
export function saveCommentRead(
  db: Db,
  itemId: number,
  r: { inserts: NewComment[]; updates: { id: number; set: Partial<NewComment> }[]; goneIds: number[]; now: Date },
): void {
  try {
    db.transaction(() => {
      for (let i = 0; i < r.inserts.length; i += 200)
        db.insert(comments)
          .values(r.inserts.slice(i, i + 200))
          .onConflictDoNothing()
          .run();
      for (const u of r.updates) db.update(comments).set(u.set).where(eq(comments.id, u.id)).run();
      for (let i = 0; i < r.goneIds.length; i += 500)
        db.update(comments)
          .set({ deleted: true, lastSeenAt: r.now })
          .where(inArray(comments.id, r.goneIds.slice(i, i + 500)))
          .run();
    });
  } catch (e) {
    throw new Error(`inbox.store: cannot save the comments of item #${itemId}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Whether the web app hides spam on the platform as it arrives. */
export function autoHideSpamOf(db: Db, webappId: number): boolean {
  return db.select().from(inboxSettings).where(eq(inboxSettings.webappId, webappId)).get()?.autoHideSpam ?? false;
}

/** Turns the web app's spam auto-hide on or off. */
export function setAutoHideSpam(db: Db, webappId: number, on: boolean): void {
  db.insert(inboxSettings)
    .values({ webappId, autoHideSpam: on })
    .onConflictDoUpdate({ target: inboxSettings.webappId, set: { autoHideSpam: on } })
    .run();
}

/** The user's comment by id, or undefined (someone else's answers like a missing one). */
export function commentOfUser(db: Db, userId: number, id: number): CommentRow | undefined {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.id, id), eq(comments.userId, userId)))
    .get();
}

/** A comment by its platform id. */
export function commentByRemoteId(db: Db, platform: string, remoteId: string): CommentRow | undefined {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.platform, platform), eq(comments.remoteId, remoteId)))
    .get();
}

/** Moves the user's comment to a state; false when there is no such comment of theirs. */
export function setCommentState(db: Db, userId: number, id: number, state: CommentState): boolean {
  return (
    db
      .update(comments)
      .set({ state })
      .where(and(eq(comments.id, id), eq(comments.userId, userId)))
      .returning({ id: comments.id })
      .all().length === 1
  );
}

const attentionCount = oncePerDb((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(comments)
    .where(
      and(
        eq(comments.userId, sql.placeholder("userId")),
        inArray(comments.state, ["new", "needs_reply"]),
        eq(comments.deleted, false),
        eq(comments.ours, false),
      ),
    )
    .prepare(),
);

/** Comments of the user waiting for a look (new or needing a reply): the navigation's count, one indexed query. */
export function inboxCount(db: Db, userId: number): number {
  return attentionCount(db).get({ userId })?.n ?? 0;
}

/** What the inbox shows, as the page and the API filter it. */
export interface InboxFilter {
  webappId?: number;
  platform?: string;
  /** needs_reply: waiting for an answer; question/complaint/spam: by label; all: everything. */
  show?: "needs_reply" | "question" | "complaint" | "spam" | "all";
  /** Only comments older than this many hours with no reply of ours. */
  unansweredHours?: number;
  limit?: number;
  /** Comments with an id below this (the next page). */
  beforeId?: number;
}

/** One inbox line: the comment, its post and web app, and its reply's phase if one was written. */
export interface InboxRow {
  comment: CommentRow;
  postTitle: string;
  permalink: string | null;
  webappName: string;
  webappUrl: string;
  replyPhase: string | null;
  replyProblem: string | null;
}

/** The user's comments matching the filter, newest first (top-level comments and others' replies; our own replies are left out). */
export function listInbox(db: Db, userId: number, f: InboxFilter, now: Date): InboxRow[] {
  const where: (SQL | undefined)[] = [eq(comments.userId, userId), eq(comments.ours, false)];
  if (f.webappId) where.push(eq(comments.webappId, f.webappId));
  if (f.platform) where.push(eq(comments.platform, f.platform));
  if (f.beforeId) where.push(sql`${comments.id} < ${f.beforeId}`);
  if (f.show === "needs_reply") where.push(eq(comments.state, "needs_reply"));
  else if (f.show === "spam") where.push(or(eq(comments.state, "spam"), eq(comments.state, "hidden")));
  else if (f.show === "question" || f.show === "complaint")
    where.push(sql`exists (select 1 from json_each(${comments.labels}) where value = ${f.show})`);
  if (f.show !== "spam" && f.show !== "all") where.push(notInArray(comments.state, ["spam", "hidden"]));
  if (f.unansweredHours !== undefined) {
    where.push(lte(comments.postedAt, new Date(now.getTime() - f.unansweredHours * 3600_000)));
    where.push(inArray(comments.state, ["new", "needs_reply"]));
    where.push(sql`not exists (select 1 from ${commentReplies} r where r.comment_id = ${comments.id} and r.phase = 'confirmed')`);
  }
  return db
    .select({
      comment: comments,
      postTitle: contentItems.title,
      permalink: contentItems.permalink,
      webappName: webapps.name,
      webappUrl: webapps.url,
      replyPhase: commentReplies.phase,
      replyProblem: commentReplies.problem,
    })
    .from(comments)
    .innerJoin(contentItems, eq(contentItems.id, comments.itemId))
    .innerJoin(webapps, eq(webapps.id, comments.webappId))
    .leftJoin(commentReplies, eq(commentReplies.commentId, comments.id))
    .where(and(...where))
    .orderBy(desc(comments.id))
    .limit(Math.min(f.limit ?? 100, 500))
    .all();
}

/** The user's web apps (id and name) for the inbox's filter. */
export function webappChoices(db: Db, userId: number): { id: number; name: string }[] {
  return db.select({ id: webapps.id, name: webapps.name }).from(webapps).where(eq(webapps.userId, userId)).all();
}

/** A comment by id, whoever owns it (the reply job's read). */
export function commentById(db: Db, id: number): CommentRow | undefined {
  return db.select().from(comments).where(eq(comments.id, id)).get();
}

/** The web app's newest research facts (what the nightly run last read on its site), or undefined before its first run. */
export function latestFactsOf(db: Db, webappId: number): Record<string, unknown> | undefined {
  return db
    .select({ facts: researchFacts.facts })
    .from(researchFacts)
    .where(eq(researchFacts.webappId, webappId))
    .orderBy(desc(researchFacts.createdAt), desc(researchFacts.id))
    .limit(1)
    .get()?.facts;
}
