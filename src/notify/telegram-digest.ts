import Html from "@kitajs/html";
import { existsSync } from "node:fs";
import { join, normalize } from "node:path";
import type { AppContext } from "../app/context";
import { ensureLocalMedia } from "../media/storage/local";
import { createBatchToken } from "../approvals/links";
import type { BatchWithItems, ContentItem } from "../content/store";
import { composePostText } from "../platforms/rules";
import type { UserRow } from "../users/store";
import { itemLine, platformLabel } from "../content/describe";
import { TelegramClient, type InlineKeyboard } from "./telegram";
import type { DigestReplyLine } from "./digest-message";

/** The Bot API client from config, or undefined when no bot token is set (the channel is off). */
export function telegramClient(ctx: AppContext): TelegramClient | undefined {
  return ctx.config.telegram.bot_token ? new TelegramClient(ctx.config.telegram.api_base_url, ctx.config.telegram.bot_token) : undefined;
}

const esc = (s: string) => Html.escapeHtml(s);

/**
 * The Review button (a URL button to the approval page). Telegram refuses buttons pointing at
 * localhost or private addresses, so without an HTTPS public address the link goes in the text instead.
 */
export function reviewButton(ctx: AppContext, batchId: number): { text: string; url: string } | undefined {
  const url = reviewUrl(ctx, batchId);
  return url.startsWith("https://") ? { text: "Review", url } : undefined;
}

function reviewUrl(ctx: AppContext, batchId: number): string {
  return `${ctx.config.server.public_base_url}/approval#batch-${batchId}`;
}

/** Sends one batch's digest message with Approve all / Reject all / Review / Previews buttons. */
export async function sendTelegramDigest(
  ctx: AppContext,
  client: TelegramClient,
  chatId: string,
  user: UserRow,
  b: BatchWithItems,
  lifetimeHours: number,
): Promise<void> {
  const pending = b.items.filter((i) => i.status === "pending_approval");
  const approve = createBatchToken(ctx, user.id, b.batch.id, "approve", "telegram", lifetimeHours);
  const reject = createBatchToken(ctx, user.id, b.batch.id, "reject", "telegram", lifetimeHours);
  const review = reviewButton(ctx, b.batch.id);
  const text = [
    `<b>${esc(b.webappName)}</b> · ${esc(b.batch.localDate)}`,
    `${pending.length} post${pending.length === 1 ? "" : "s"} wait for approval:`,
    ...pending.map((i) => `• ${esc(itemLine(i, user.timezone))}`),
    ...(review ? [] : ["", `Review: ${esc(reviewUrl(ctx, b.batch.id))}`]),
  ].join("\n");
  const keyboard: InlineKeyboard = {
    inline_keyboard: [
      [
        { text: "Approve all", callback_data: `A:${approve}` },
        { text: "Reject all", callback_data: `R:${reject}` },
      ],
      [...(review ? [review] : []), { text: "Previews", callback_data: `P:${b.batch.id}` }],
    ],
  };
  await client.sendMessage(chatId, text, keyboard);
}

/** The most characters of one comment a Telegram digest shows (a message holds at most 4096). */
const TELEGRAM_COMMENT_CHARS = 200;

/**
 * Sends the comments that need an answer as one message: each with its drafted reply and its one-tap "send this
 * reply" link as text (the same link as the email's: it opens the confirm page; Telegram buttons refuse local addresses).
 */
export async function sendTelegramReplies(
  ctx: AppContext,
  client: TelegramClient,
  chatId: string,
  replies: DigestReplyLine[],
): Promise<void> {
  const clip = (s: string) => (s.length > TELEGRAM_COMMENT_CHARS ? `${s.slice(0, TELEGRAM_COMMENT_CHARS)}…` : s);
  const text = [
    `<b>${replies.length} comment${replies.length === 1 ? "" : "s"} need${replies.length === 1 ? "s" : ""} an answer</b>`,
    ...replies.flatMap((r) => [
      "",
      `${esc(r.authorName)} on ${esc(r.platformLabel)} (${esc(r.webappName)}): ${esc(clip(r.text))}`,
      `Drafted reply: ${esc(clip(r.draft))}`,
      `Send this reply: ${esc(r.sendUrl)}`,
    ]),
  ].join("\n");
  ctx.log.info(`digest: ${replies.length} comment${replies.length === 1 ? "" : "s"} to answer sent to Telegram`);
  await client.sendMessage(chatId, text);
}

// The first image's key: media lists them as keys, or as { path, width, height } (uploads, renders of carousels).
function firstImage(images: unknown): unknown {
  const first = Array.isArray(images) ? images[0] : undefined;
  return first && typeof first === "object" ? (first as { path?: unknown }).path : first;
}

// A media key as a local file to upload (fetched from the bucket in S3 mode), or undefined when there is none.
async function mediaFile(ctx: AppContext, rel: unknown): Promise<string | undefined> {
  if (typeof rel !== "string" || rel === "") return undefined;
  const clean = normalize(rel).replace(/^(\.\.[/\\])+/, "");
  if (clean.includes("..")) return undefined;
  await ensureLocalMedia(ctx, [clean]);
  const path = join(ctx.config.storage.media_dir, clean);
  return existsSync(path) ? path : undefined;
}

/** Sends one preview per item waiting for approval: the video or image uploaded from the media folder, else the text. */
export async function sendPreviews(ctx: AppContext, client: TelegramClient, chatId: string, items: ContentItem[]): Promise<number> {
  let sent = 0;
  for (const item of items.filter((i) => i.status === "pending_approval")) {
    const caption =
      `${platformLabel(item.platform)}${item.title ? ` · ${item.title}` : ""}\n\n${composePostText(item.caption, item.hashtags)}`.slice(
        0,
        1024,
      );
    const m = item.media as { video?: unknown; cover?: unknown; images?: unknown };
    const video = await mediaFile(ctx, m.video);
    const image = video ? undefined : ((await mediaFile(ctx, m.cover)) ?? (await mediaFile(ctx, firstImage(m.images))));
    if (video) await client.sendVideo(chatId, { path: video }, caption);
    else if (image) await client.sendPhoto(chatId, { path: image }, caption);
    else await client.sendMessage(chatId, esc(caption));
    sent++;
  }
  return sent;
}
