import type { AppContext } from "../app/context";
import { getSettings } from "../approvals/store";
import { createReplyToken, type DigestReply, replyLinkUrl, repliesForDigest } from "../inbox/reply-links";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { localDate } from "../lib/zoned-time";
import type { UserRow } from "../users/store";
import { claimCommentDigest, commentDigestChannelsSent, releaseCommentDigest } from "./comment-digest-store";
import { composeCommentDigestEmail, type DigestReplyLine } from "./digest-message";
import { sendTelegramReplies, telegramClient } from "./telegram-digest";

/** The channels a comment-only digest goes out on (the in-app inbox count already shows them). */
const COMMENT_DIGEST_CHANNELS = ["email", "telegram"] as const;

/**
 * On a day without a batch to approve: sends the user the comments that need an answer, each with its drafted reply
 * and one-tap "send this reply" link, at most once per local day and channel. Each channel is claimed before it is
 * sent (a restart finds the claim and sends nothing); a failed send gives the claim back for the next run.
 * Returns the channels it went out on.
 */
export async function sendCommentDigest(ctx: AppContext, user: UserRow): Promise<string[]> {
  const now = ctx.clock.now();
  const day = localDate(now, user.timezone);
  const settings = getSettings(ctx.db, ctx.config, user.id, now);
  const tg = telegramClient(ctx);
  const sent = commentDigestChannelsSent(ctx.db, user.id, day);
  const channels = COMMENT_DIGEST_CHANNELS.filter(
    (c) => settings.channels.includes(c) && !sent.has(c) && (c !== "telegram" || (tg && settings.telegramChatId)),
  );
  if (channels.length === 0) return [];
  const replies = repliesForDigest(ctx, user.id);
  if (replies.length === 0) return [];
  const out: string[] = [];
  for (const channel of channels) {
    if (!claimCommentDigest(ctx.db, user.id, day, channel, now)) continue;
    try {
      const lines = replyLines(ctx, user.id, replies, settings.linkLifetimeHours);
      if (channel === "email") await ctx.mailer.send({ to: user.email, ...composeCommentDigestEmail(lines, { name: user.name }) });
      else await sendTelegramReplies(ctx, tg!, settings.telegramChatId!, lines);
      out.push(channel);
    } catch (e) {
      releaseCommentDigest(ctx.db, user.id, day, channel);
      ctx.log.error(
        `digest: cannot send the ${channel} comment digest to ${user.email}: ${e instanceof Error ? e.message : e}; it will be retried at the next digest run`,
      );
    }
  }
  return out;
}

/** The digest's comment lines, each with its own one-tap "send this reply" link (a token per channel, like approval links). */
export function replyLines(ctx: AppContext, userId: number, replies: DigestReply[], lifetimeHours: number): DigestReplyLine[] {
  return replies.map((r) => ({
    platformLabel: PLATFORM_RULES[r.platform as PlatformId]?.label ?? r.platform,
    authorName: r.authorName,
    text: r.text,
    draft: r.draft,
    webappName: r.webappName,
    sendUrl: replyLinkUrl(ctx, createReplyToken(ctx, userId, r.commentId, r.draft, lifetimeHours)),
  }));
}
