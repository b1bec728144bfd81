import type { AppContext } from "../app/context";
import { declareJob, type RegisteredJob } from "../jobs/declare";
import { JobError } from "../jobs/worker";
import { createAdapters } from "../publishing/adapters";
import { type ReplyDeps, requestReply, sendReply } from "./reply";
import type { ReplyRow } from "./reply-store";

/** Sends one journalled reply; a new text after a refusal is a new job (its variant is the journal row's time). */
export const commentReplyJob = declareJob<{ commentId: number }>({
  kind: "comment.reply",
  key: (p) => `comment-reply:${p.commentId}`,
  attempts: 8,
  parse: (raw) => (typeof raw.commentId === "number" && Number.isInteger(raw.commentId) ? { commentId: raw.commentId } : undefined),
});

/** The reply job's handler: a retry keeps the journal, so the next attempt reconciles before sending. */
export function commentReplyHandler(ctx: AppContext, deps?: ReplyDeps): RegisteredJob {
  const adapters = deps ?? { adapters: createAdapters(ctx) };
  return commentReplyJob.handle(async ({ commentId }) => {
    const r = await sendReply(ctx, adapters, commentId);
    if (r.kind === "retry") throw new JobError(`reply to comment #${commentId}: ${r.reason}`, true, r.retryAt);
  });
}

/** Writes the reply's intent and queues its send (the user's "Send reply"); a sentence when it cannot be sent. */
export function queueReply(ctx: AppContext, userId: number, commentId: number, text: string): { reply: ReplyRow } | { problem: string } {
  const r = requestReply(ctx, userId, commentId, text);
  if ("reply" in r && r.reply.phase === "prepared")
    commentReplyJob.enqueue(ctx.db, { commentId }, { now: ctx.clock.now(), variant: String(r.reply.updatedAt.getTime()) });
  return r;
}
