import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { commentDigestSends } from "../db/schema/inbox";

/** The channels a user's comment digest already went out on for their local date. */
export function commentDigestChannelsSent(db: Db, userId: number, localDate: string): Set<string> {
  return new Set(
    db
      .select({ channel: commentDigestSends.channel })
      .from(commentDigestSends)
      .where(and(eq(commentDigestSends.userId, userId), eq(commentDigestSends.localDate, localDate)))
      .all()
      .map((r) => r.channel),
  );
}

/** Claims the day's comment digest on a channel: true only for the first caller (a restart or a racing run gets false). */
export function claimCommentDigest(db: Db, userId: number, localDate: string, channel: string, now: Date): boolean {
  return (
    db
      .insert(commentDigestSends)
      .values({ userId, localDate, channel, sentAt: now })
      .onConflictDoNothing()
      .returning({ userId: commentDigestSends.userId })
      .all().length === 1
  );
}

/** Gives a claim back after a failed send, so the next run retries that channel. */
export function releaseCommentDigest(db: Db, userId: number, localDate: string, channel: string): void {
  db.delete(commentDigestSends)
    .where(and(eq(commentDigestSends.userId, userId), eq(commentDigestSends.localDate, localDate), eq(commentDigestSends.channel, channel)))
    .run();
}
