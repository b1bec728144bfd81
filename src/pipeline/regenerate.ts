import { isFailed, writePost } from "../agents/creative";
import type { PostDraft } from "../agents/creative/types";
import { utmUrl } from "../agents/creative/utm";
import { itemScript } from "../agents/creative/carousel";
import { appWriteOptions } from "../agents/creative/first-comment";
import type { ResearchOutput } from "../agents/research/facts";
import type { AppContext } from "../app/context";
import { recordEvent, type Actor } from "../content/state";
import { inTransaction } from "../db/client";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { declareJob, itemIdPayload, type RegisteredJob } from "../jobs/declare";
import type { Job } from "../jobs/store";
import { JobError } from "../jobs/worker";
import type { LlmGateway } from "../llm/types";
import { mediaRenderJob } from "../media/job";
import { doneStepOutput, findItem, jobAlreadyRecorded, regenerationCount, replaceCopyIfPending, runOfBatch } from "./regenerate-store";
import { findRunTarget, type ItemRow, type RunRow, type RunTarget } from "./store";

/** Rewrites one item's copy ("Regenerate copy" on the approval page); each request is a variant of the item's key. */
export const regenerateCopyJob = declareJob<{ itemId: number }>({
  kind: "content.regenerate",
  key: (p) => `content.regenerate:${p.itemId}`,
  attempts: 5,
  parse: itemIdPayload,
});

const SYSTEM: Actor = { userId: null, channel: "system" };
// Rewrites to try before giving up when each comes out identical to the current copy (or does not fit).
const MAX_TRIES = 6;

/** What a rewrite reads: the item's web app, its run and the research facts that run stored. */
interface Source {
  app: RunTarget;
  run: RunRow;
  research: ResearchOutput;
}

/**
 * The "content.regenerate" handler: rewrites one item's copy for its platform with the creative agent
 * (a different post from the current one), checked for claims and fitted like the nightly posts, and
 * replaces it only while the item still waits for approval. Each job leaves exactly one history line,
 * which also makes a second run of the same job do nothing.
 */
export function regenerateJobHandler(ctx: AppContext, llm: LlmGateway): RegisteredJob {
  return regenerateCopyJob.handle(async ({ itemId }, job) => {
    const item = findItem(ctx.db, itemId);
    if (!item) return ctx.log.warn(`regenerate: item ${itemId} was deleted before job ${job.id} ran; nothing to do`);
    const marker = `(job #${job.id})`;
    if (jobAlreadyRecorded(ctx.db, itemId, marker)) return;
    const note = (action: string, detail: string) => recordEvent(ctx.db, itemId, SYSTEM, action, `${detail} ${marker}`, ctx.clock.now());
    if (item.status !== "pending_approval") return note("regenerate_copy_skipped", skippedReason(item.status));
    const source = loadSource(ctx, item);
    if (typeof source === "string") {
      note("regenerate_copy_failed", source);
      throw new JobError(`Item ${itemId}: ${source}`, false);
    }
    const draft = await rewrite(llm, item, source, regenerationCount(ctx.db, itemId) + 1);
    if (typeof draft === "string") {
      note("regenerate_copy_failed", draft);
      throw new JobError(`Item ${itemId}: ${draft}`, false);
    }
    applyCopy(ctx, job, item, draft.post, `${describe(draft.post, draft.revision)} ${marker}`);
  });
}

function skippedReason(status: string): string {
  return `The item was ${status.replace("_", " ")} before the new copy was written, so its copy was left as it was.`;
}

/** The web app, run and research facts of an item, or what is missing in plain words. */
function loadSource(ctx: AppContext, item: ItemRow): Source | string {
  const app = findRunTarget(ctx.db, item.webappId);
  if (!app) return "Its web app was deleted, so no new copy could be written.";
  if (!PLATFORM_IDS.includes(item.platform as PlatformId)) return `The platform "${item.platform}" is not one the writer knows.`;
  const run = item.batchId === null ? undefined : runOfBatch(ctx.db, item.batchId);
  const research = run && (doneStepOutput(ctx.db, run.id, "research") as ResearchOutput | undefined);
  if (!run || !research)
    return "Its run has no stored research facts, so no new copy could be written. Use Generate now on the web app's Runs page for a fresh batch.";
  return { app, run, research };
}

/** Writes new copy until it differs from the current caption (the revision number varies the writer's choices). */
async function rewrite(llm: LlmGateway, item: ItemRow, s: Source, first: number): Promise<{ post: PostDraft; revision: number } | string> {
  const platform = item.platform as PlatformId;
  const linkUrl = item.linkUrl || utmUrl(s.app, platform, `${s.run.localDate}-${item.variant}`);
  let lastProblem = "Every rewrite came out the same as the current copy; the copy was left as it was.";
  for (let revision = first; revision < first + MAX_TRIES; revision++) {
    const req = {
      appId: s.app.id,
      localDate: s.run.localDate,
      platform,
      variant: item.variant === "B" ? "B" : "A",
      facts: s.research.facts,
      trends: s.research.trends,
      callToAction: s.app.callToAction,
      linkUrl,
      revision,
      previousCaption: item.caption,
      runId: s.run.id,
      // A rewrite keeps the item's format (its media is rendered for it).
      format: item.format,
      ...appWriteOptions(s.app),
    } as const;
    const post = await writePost(llm, s.app.userId, req);
    if (isFailed(post)) lastProblem = post.reason;
    else if (post.caption !== item.caption) return { post, revision };
  }
  return lastProblem;
}

/** Replaces the copy (if the item still waits), writes the history line and queues the video's render, in one transaction. */
function applyCopy(ctx: AppContext, job: Job, item: ItemRow, post: PostDraft, detail: string): void {
  const now = ctx.clock.now();
  // Video scenes and carousel slides are drawn from the copy: new copy means new media.
  const video = item.format === "video" || item.format === "carousel";
  inTransaction(ctx.db, () => {
    const tx = ctx.db;
    const copy = {
      title: post.title,
      caption: post.caption,
      hashtags: post.hashtags,
      script: itemScript(post),
      writer: post.writer,
      unsupportedClaims: post.unsupportedClaims,
      claimSources: post.sources,
      threadPosts: post.thread ?? [],
      firstComment: post.firstComment ?? "",
    };
    if (!replaceCopyIfPending(tx, item.id, copy, video, now)) {
      const status = findItem(tx, item.id)?.status ?? "deleted";
      recordEvent(tx, item.id, SYSTEM, "regenerate_copy_skipped", `${skippedReason(status)} (job #${job.id})`, now);
      return;
    }
    recordEvent(tx, item.id, SYSTEM, "regenerate_copy", detail, now);
    // A render variant unique to this rewrite (the item's first render may have run already).
    if (video) mediaRenderJob.enqueue(tx, { itemId: item.id }, { now, variant: `copy-${job.id}` });
  });
}

/** The history line: who wrote the new copy and what the checks changed. */
function describe(post: PostDraft, revision: number): string {
  const who = post.writer === "builtin" ? "the built-in offline writer" : post.writer;
  return [`New copy written by ${who} (rewrite ${revision}).`, ...post.notes].join(" ");
}
