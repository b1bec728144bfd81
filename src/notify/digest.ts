import type { AppContext } from "../app/context";
import { createBatchToken, linkUrl } from "../approvals/links";
import { getSettings } from "../approvals/store";
import { localDate, localMinutes, parseHhMm } from "../lib/zoned-time";
import { batchesByIds, readyBatchesWithPending, type BatchWithItems } from "../content/store";
import type { DigestChannel } from "../model/digest-channels";
import { findUserById, listUsers, type UserRow } from "../users/store";
import { composeDigestEmail } from "./digest-message";
import { type DigestReply, repliesForDigest } from "../inbox/reply-links";
import { mediaStoreOf } from "../media/storage/open";
import { claimAnnouncement, releaseAnnouncement, addNotification } from "./store";
import { replyLines, sendCommentDigest } from "./comment-digest";
import { claimCommentDigest, releaseCommentDigest } from "./comment-digest-store";
import { sendTelegramDigest, sendTelegramReplies, telegramClient } from "./telegram-digest";

/** How many batches went out on each channel. */
export type DigestOutcome = Record<DigestChannel, number>;

const hasPending = (b: BatchWithItems) => b.items.some((i) => i.status === "pending_approval");

/**
 * Announces batches to a user on each of their channels, at most once per batch and channel
 * (`force` resends, for the CLI). A failed channel is released so the next run retries it.
 */
export async function announceBatches(
  ctx: AppContext,
  user: UserRow,
  batchIds: number[],
  opts: { force?: boolean } = {},
): Promise<DigestOutcome> {
  const now = ctx.clock.now();
  const settings = getSettings(ctx.db, ctx.config, user.id, now);
  const batches = batchesByIds(ctx.db, user.id, batchIds).filter(hasPending);
  const outcome: DigestOutcome = { email: 0, telegram: 0, inapp: 0 };
  const tg = telegramClient(ctx);
  // Comments that need an answer ride along with the digest; read once, and only when a digest goes out.
  let replies: DigestReply[] | undefined;
  const repliesNow = () => (replies ??= repliesForDigest(ctx, user.id));
  for (const channel of settings.channels) {
    if (channel === "telegram" && (!tg || !settings.telegramChatId)) continue;
    const claimed = batches.filter((b) => claimAnnouncement(ctx.db, b.batch.id, user.id, channel, now) || opts.force);
    if (claimed.length === 0) continue;
    try {
      // Comments carried by a batch digest count as the day's comment digest on that channel.
      if (channel !== "inapp" && repliesNow().length > 0) claimCommentDigest(ctx.db, user.id, localDate(now, user.timezone), channel, now);
      if (channel === "email") await sendEmailDigest(ctx, user, claimed, settings.linkLifetimeHours, repliesNow());
      else if (channel === "telegram") {
        for (const b of claimed) await sendTelegramDigest(ctx, tg!, settings.telegramChatId!, user, b, settings.linkLifetimeHours);
        const lines = replyLines(ctx, user.id, repliesNow(), settings.linkLifetimeHours);
        if (lines.length > 0) await sendTelegramReplies(ctx, tg!, settings.telegramChatId!, lines);
      } else for (const b of claimed) addInAppNotice(ctx, user.id, b);
      outcome[channel] = claimed.length;
    } catch (e) {
      for (const b of claimed) releaseAnnouncement(ctx.db, b.batch.id, channel);
      releaseCommentDigest(ctx.db, user.id, localDate(now, user.timezone), channel);
      ctx.log.error(
        `digest: cannot send the ${channel} digest to ${user.email}: ${e instanceof Error ? e.message : e}; it will be retried at the next digest run`,
      );
    }
  }
  return outcome;
}

const DIGEST_THUMBNAIL_TTL_MS = 7 * 24 * 3600_000;

async function sendEmailDigest(
  ctx: AppContext,
  user: UserRow,
  batches: BatchWithItems[],
  lifetimeHours: number,
  replies: DigestReply[],
): Promise<void> {
  const base = ctx.config.server.public_base_url;
  const withLinks = batches.map((b) => ({
    ...b,
    approveUrl: linkUrl(ctx, createBatchToken(ctx, user.id, b.batch.id, "approve", "email", lifetimeHours)),
    reviewUrl: `${base}/approval#batch-${b.batch.id}`,
  }));
  // Mail clients load images without a session: thumbnails are signed URLs that work for a week.
  const thumbnailUrl = (relPath: string) => mediaStoreOf(ctx).signedUrl(relPath, DIGEST_THUMBNAIL_TTL_MS);
  const mail = composeDigestEmail(
    withLinks,
    { timezone: user.timezone, baseUrl: base, name: user.name, thumbnailUrl },
    replyLines(ctx, user.id, replies, lifetimeHours),
  );
  await ctx.mailer.send({ to: user.email, ...mail });
}

function addInAppNotice(ctx: AppContext, userId: number, b: BatchWithItems): void {
  const n = b.items.filter((i) => i.status === "pending_approval").length;
  addNotification(
    ctx.db,
    {
      userId,
      kind: "batch.ready",
      title: `${n} post${n === 1 ? "" : "s"} for ${b.webappName} wait for approval`,
      body: `Batch of ${b.batch.localDate}`,
      href: `/approval#batch-${b.batch.id}`,
    },
    ctx.clock.now(),
  );
}

/** True once the user's digest time has passed today in their timezone. */
export function digestTimePassed(ctx: AppContext, user: UserRow, now: Date): boolean {
  const settings = getSettings(ctx.db, ctx.config, user.id, now);
  return localMinutes(now, user.timezone) >= (parseHhMm(settings.digestTime) ?? 8 * 60);
}

/** Schedule (every minute): sends each user whose digest time has passed the batches ready and not yet announced. */
export async function sendDueDigests(ctx: AppContext, now: Date): Promise<void> {
  for (const user of listUsers(ctx.db)) {
    if (!digestTimePassed(ctx, user, now)) continue;
    const ids = readyBatchesWithPending(ctx.db, user.id).map((b) => b.id);
    if (ids.length > 0) await announceBatches(ctx, user, ids);
    else await sendCommentDigest(ctx, user);
  }
}

/** Sends a user's pending digest now, whatever the time (CLI digest:send); resends batches already announced. */
export async function sendPendingDigestNow(ctx: AppContext, user: UserRow): Promise<DigestOutcome & { batches: number }> {
  const ids = readyBatchesWithPending(ctx.db, user.id).map((b) => b.id);
  const out = ids.length > 0 ? await announceBatches(ctx, user, ids, { force: true }) : { email: 0, telegram: 0, inapp: 0 };
  return { ...out, batches: ids.length };
}

/** Listens to "batch.ready": a batch ready after today's digest time is announced at once; earlier ones wait for the digest. */
export function registerDigestListeners(ctx: AppContext): void {
  ctx.events.on("batch.ready", async ({ batchId, userId }) => {
    const user = findUserById(ctx.db, userId);
    if (!user || !digestTimePassed(ctx, user, ctx.clock.now())) return;
    await announceBatches(ctx, user, [batchId]);
  });
}
