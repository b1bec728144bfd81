import type { AppContext } from "../../src/app/context";
import { classifyComment } from "../../src/comments/classify";
import { comments } from "../../src/db/schema/inbox";
import type { NewComment } from "../../src/inbox/store";

let seq = 0;

/** Inserts a classified comment on an item as the sync would store it (state from its labels unless given). */
export function makeComment(
  ctx: AppContext,
  o: { userId: number; webappId: number; itemId: number; platform?: string } & Partial<NewComment>,
) {
  const text = o.text ?? "How much does it cost?";
  const k = classifyComment({ text });
  const now = ctx.clock.now();
  return ctx.db
    .insert(comments)
    .values({
      platform: "youtube",
      remoteId: `c${++seq}-${Math.random().toString(36).slice(2)}`,
      authorName: "viewer",
      postedAt: now,
      labels: k.labels,
      language: k.language,
      state: k.spam ? "spam" : k.labels.includes("question") || k.labels.includes("complaint") ? "needs_reply" : "new",
      firstSeenAt: now,
      lastSeenAt: now,
      ...o,
      text,
    })
    .returning()
    .get();
}
