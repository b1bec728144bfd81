import type { AppContext } from "../../src/app/context";
import { commentReplyHandler, commentReplyJob } from "../../src/inbox/reply-job";
import type { ReplyDeps } from "../../src/inbox/reply";
import { handlersOf } from "../../src/jobs/declare";
import { claimNextJob, completeJob, failJob } from "../../src/jobs/store";
import { JobError } from "../../src/jobs/worker";
import type { PlatformId } from "../../src/platforms/ids";
import type { PlatformAdapter } from "../../src/platforms/types";
import { jobContext } from "../support/publishing-factories";

/** Runs every due reply job once with these adapters, as the worker would. */
export async function runReplies(ctx: AppContext, deps: ReplyDeps) {
  const handlers = handlersOf([commentReplyHandler(ctx, deps)]);
  for (let job = claimNextJob(ctx.db, ctx.clock.now(), 60_000, [commentReplyJob.kind]); job; ) {
    try {
      await handlers[job.kind]!(job, jobContext());
      completeJob(ctx.db, job.id, ctx.clock.now());
    } catch (e) {
      failJob(ctx.db, job, String(e), ctx.clock.now(), { retryable: e instanceof JobError && e.retryable });
    }
    job = claimNextJob(ctx.db, ctx.clock.now(), 60_000, [commentReplyJob.kind]);
  }
}

/** The adapter whose reply call never returns: before reaching the platform, or after the platform answered. */
export function dyingReply(real: PlatformAdapter, when: "before_call" | "after_answer", died: () => void): PlatformAdapter {
  return {
    ...real,
    async replyToComment(conn, target, text) {
      if (when === "after_answer") await real.replyToComment!(conn, target, text);
      died();
      return new Promise(() => {});
    },
  };
}

/** Starts the due reply job in a "process" that dies at `when` (its lease still held), and returns once it died. */
export async function crashReplyAt(ctx: AppContext, platform: PlatformId, real: PlatformAdapter, when: "before_call" | "after_answer") {
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const handlers = handlersOf([commentReplyHandler(ctx, { adapters: { [platform]: dyingReply(real, when, dead) } })]);
  const job = claimNextJob(ctx.db, ctx.clock.now(), 5 * 60_000, [commentReplyJob.kind])!;
  void handlers[job.kind]!(job, jobContext());
  await died;
}
