import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { commentReplies, comments } from "../db/schema/inbox";

/** A reply's journal row. */
export type ReplyRow = typeof commentReplies.$inferSelect;
/** A reply's phase: prepared (intent written), send_sent (the call may have reached the platform), confirmed, refused. */
export type ReplyPhase = ReplyRow["phase"];

/**
 * Writes the intent to reply (phase prepared) before anything is sent. A reply not yet sent (prepared or
 * refused) takes the new text; one that may have reached the platform (send_sent, confirmed) is left as it
 * is and returned, so a double submit never sends twice.
 */
export function prepareReply(db: Db, r: { commentId: number; userId: number; connectionId: number; text: string }, now: Date): ReplyRow {
  return db.transaction(() => {
    const old = db.select().from(commentReplies).where(eq(commentReplies.commentId, r.commentId)).get();
    if (old && (old.phase === "send_sent" || old.phase === "confirmed")) return old;
    const row = db
      .insert(commentReplies)
      .values({ ...r, phase: "prepared", createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: commentReplies.commentId,
        set: { text: r.text, connectionId: r.connectionId, phase: "prepared", problem: null, updatedAt: now },
      })
      .returning()
      .get();
    if (!row) throw new Error(`inbox.reply-store: cannot write the reply to comment #${r.commentId}`);
    return row;
  });
}

/** The reply journal row of a comment, or undefined. */
export function replyOf(db: Db, commentId: number): ReplyRow | undefined {
  return db.select().from(commentReplies).where(eq(commentReplies.commentId, commentId)).get();
}

/** Moves a reply to `phase` durably (before the next external call), with its platform id or a problem in words. */
export function writeReplyPhase(
  db: Db,
  commentId: number,
  phase: ReplyPhase,
  now: Date,
  extra: { remoteReplyId?: string; problem?: string | null } = {},
): void {
  // Only a reply still on its way moves: a confirmed or refused one keeps its outcome.
  const from: ReplyPhase[] = ["prepared", "send_sent"];
  db.transaction(() => {
    db.update(commentReplies)
      .set({ phase, updatedAt: now, ...extra })
      .where(and(eq(commentReplies.commentId, commentId), inArray(commentReplies.phase, from)))
      .run();
    if (phase === "confirmed") db.update(comments).set({ state: "done" }).where(eq(comments.id, commentId)).run();
  });
}
