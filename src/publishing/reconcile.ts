import type { AppContext } from "../app/context";
import { recordEvent } from "../content/state";
import type { PlatformId } from "../platforms/ids";
import type { JobContext } from "../jobs/worker";
import { JobError } from "../jobs/worker";
import { PLATFORM_RULES } from "../platforms/rules";
import { type PlatformAdapter, PlatformError } from "../platforms/types";
import { type ConnectionRow, openConnection } from "./connections";
import type { PublishDeps } from "./engine";
import { ensureLocalMedia } from "../media/storage/local";
import { isOurPost, itemMediaKeys, publishInputFor, type ItemRow } from "./input";
import { bumpAttempt, createRefused, type JournalRow } from "./store";
import { markFailed, markNeedsCheck, markPublished, SYSTEM } from "./outcome";
import { refreshConnection } from "./refresh";

/**
 * After a create call whose answer we never recorded: ask the platform where it can say (createOutcome), else
 * list the account's recent posts and match our marker or caption hash. Found: published. Not found once the platform had time to show it: needs_check
 * and the user is told. Never posts again.
 */
export async function reconcile(
  ctx: AppContext,
  deps: PublishDeps,
  item: ItemRow,
  row: ConnectionRow,
  adapter: PlatformAdapter,
  journal: JournalRow,
  jc: JobContext,
): Promise<void> {
  const now = ctx.clock.now();
  const sentAt = journal.createSentAt ?? journal.updatedAt;
  const name = PLATFORM_RULES[item.platform as PlatformId].label;
  const settle = ctx.config.publishing.reconcile_delay_seconds * 1000;
  jc.heartbeat("reconciling");
  // Resuming an upload reads the files (YouTube's session status needs the video's size): in S3 mode fetch them first.
  await ensureLocalMedia(ctx, itemMediaKeys(item));
  const input = publishInputFor(item, ctx.config.storage.media_dir);
  let asked: Awaited<ReturnType<typeof askPlatform>> = "unknown";
  let posts;
  try {
    if (row.expiresAt && row.expiresAt <= now) row = await refreshConnection(ctx, adapter, row.id, 2 * 60_000);
    // Where the platform can say what became of the create (an upload session, a publish id), ask it first.
    asked = await askPlatform(ctx, item, row, adapter, input, journal, name);
    if (asked === "done") return;
    posts = await adapter.recentPosts(openConnection(ctx, row), new Date(sentAt.getTime() - 10 * 60_000));
  } catch (e) {
    if (e instanceof JobError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    const n = bumpAttempt(ctx.db, item.id, row.id, now);
    if (e instanceof PlatformError && e.kind === "auth_revoked")
      return markNeedsCheck(ctx, item, unknownOutcome(name, sentAt, `we cannot look at the account any more (${msg})`));
    if (n >= ctx.config.publishing.max_attempts)
      return markNeedsCheck(ctx, item, unknownOutcome(name, sentAt, `listing the account's posts kept failing (${msg})`));
    const retryAt = e instanceof PlatformError && e.retryAt ? e.retryAt : new Date(now.getTime() + Math.max(settle, 30_000));
    throw new JobError(`reconcile: cannot list recent posts: ${msg}`, true, retryAt);
  }
  const found = posts.find((p) => isOurPost(p, input));
  if (found) return markPublished(ctx, item, row.id, found, "found among the account's posts after an interrupted publish");
  if (typeof asked === "object" && bumpAttempt(ctx.db, item.id, row.id, now) < ctx.config.publishing.max_attempts) {
    recordEvent(ctx.db, item.id, SYSTEM, "publish.reconcile", `${asked.processing}; looking again shortly`, now);
    throw new JobError(`reconcile: ${asked.processing}`, true, new Date(now.getTime() + Math.max(settle, 30_000)));
  }
  if (now.getTime() - sentAt.getTime() < settle) {
    // Platforms list a new post after a short delay: look once more before asking a person.
    recordEvent(ctx.db, item.id, SYSTEM, "publish.reconcile", "not among the recent posts yet; looking again shortly", now);
    throw new JobError("reconcile: not found yet", true, new Date(sentAt.getTime() + settle));
  }
  return markNeedsCheck(ctx, item, unknownOutcome(name, sentAt, "it is not among the account's recent posts"));
}

/**
 * Asks the adapter's createOutcome: a post it confirms is recorded; a refusal fails the item; a create that
 * certainly did not happen goes back to "not sent" and the job runs again at once (the adapter resumes its
 * upload); "still processing" is returned, so the caller looks at the list and then again later. "done" when the item's fate was settled here.
 */
async function askPlatform(
  ctx: AppContext,
  item: ItemRow,
  row: ConnectionRow,
  adapter: PlatformAdapter,
  input: ReturnType<typeof publishInputFor>,
  journal: JournalRow,
  name: string,
): Promise<"done" | "unknown" | { processing: string }> {
  if (!adapter.createOutcome) return "unknown";
  const now = ctx.clock.now();
  const outcome = await adapter.createOutcome(openConnection(ctx, row), input, journal.data).catch(() => undefined);
  if (!outcome) return "unknown";
  switch (outcome.kind) {
    case "created":
      markPublished(ctx, item, row.id, outcome.post, `${name} confirmed the post after an interrupted publish`);
      return "done";
    case "refused":
      createRefused(ctx.db, item.id, now);
      markFailed(ctx, item, `${name} refused this post: ${outcome.reason}`);
      return "done";
    case "not_created":
      createRefused(ctx.db, item.id, now);
      recordEvent(ctx.db, item.id, SYSTEM, "publish.resume", `${outcome.why}: the post was not created; continuing the upload`, now);
      throw new JobError(`reconcile: not created yet (${outcome.why}); resuming`, true, now);
    case "processing":
      // The post may already be listed; if it is not, the platform's word keeps a person out of it for a while.
      return { processing: outcome.why };
  }
}

function unknownOutcome(platform: string, sentAt: Date, why: string): string {
  return `We sent this post to ${platform} at ${sentAt.toISOString().slice(0, 16).replace("T", " ")} UTC but could not confirm it was created: ${why}. Please look at the account: if it is there, use "Mark as posted" with its URL; if not, press Retry. It will not be posted again automatically.`;
}
