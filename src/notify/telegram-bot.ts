import type { AppContext } from "../app/context";
import { actOnBatch } from "../approvals/actions";
import { consumeBatchToken, peekBatchToken } from "../approvals/links";
import { findByTelegramChat, findByTelegramCode, linkTelegramChat, unlinkTelegramChat, type ApprovalSettings } from "../approvals/store";
import { hashLinkCode } from "../approvals/telegram-code";
import { findBatchForUser, listBatchItems } from "../content/store";
import { describeLinkProblem } from "../links/store";
import { findUserById } from "../users/store";
import type { TelegramClient, TelegramUpdate } from "./telegram";
import { reviewButton, sendPreviews } from "./telegram-digest";

/**
 * Handles one update. Only linked chats get answers; an unlinked chat is answered once, when it
 * sends a valid linking code. Button taps are checked against the linked chat and the token's scope.
 */
export async function handleTelegramUpdate(ctx: AppContext, client: TelegramClient, update: TelegramUpdate): Promise<void> {
  if (update.message?.text !== undefined)
    return handleMessage(ctx, client, update.message as Required<NonNullable<TelegramUpdate["message"]>>);
  const q = update.callback_query;
  if (!q?.message) return;
  const linked = findByTelegramChat(ctx.db, String(q.message.chat.id));
  if (!linked) return;
  const reply = await handleCallback(ctx, client, linked, q.data ?? "", String(q.message.chat.id), q.message.message_id);
  await client.answerCallbackQuery(q.id, reply);
}

async function handleMessage(
  ctx: AppContext,
  client: TelegramClient,
  msg: Required<NonNullable<TelegramUpdate["message"]>>,
): Promise<void> {
  const chatId = String(msg.chat.id);
  const text = msg.text.trim().replace(/^\/start\s+/i, "");
  const now = ctx.clock.now();
  const linked = findByTelegramChat(ctx.db, chatId);
  if (/^[A-Za-z0-9]{8}$/.test(text)) {
    const owner = findByTelegramCode(ctx.db, hashLinkCode(text), now);
    if (owner) {
      linkTelegramChat(ctx.db, owner.userId, chatId, msg.chat.username ?? msg.from?.username ?? null, now);
      const user = findUserById(ctx.db, owner.userId);
      await client.sendMessage(chatId, `Linked to ${user ? user.email : "your account"}. Digests will arrive here. Send /unlink to stop.`);
      return;
    }
  }
  if (!linked) return; // unlinked chats get no answer at all
  if (/^\/unlink\b/i.test(text)) {
    unlinkTelegramChat(ctx.db, linked.userId, now);
    await client.sendMessage(chatId, "Unlinked. This chat gets no more digests. Link again from Approval settings.");
    return;
  }
  await client.sendMessage(
    chatId,
    "Digests arrive here with Approve all and Reject all buttons. Tap Previews under a digest to see each post. Send /unlink to stop.",
  );
}

async function handleCallback(
  ctx: AppContext,
  client: TelegramClient,
  linked: ApprovalSettings,
  data: string,
  chatId: string,
  messageId: number,
): Promise<string> {
  const [kind, arg = ""] = [data.slice(0, 1), data.slice(2)];
  if (kind === "P") {
    const batchId = /^\d{1,15}$/.test(arg) ? Number(arg) : Number.NaN;
    if (!Number.isInteger(batchId) || !findBatchForUser(ctx.db, linked.userId, batchId)) return "That batch was not found in your account.";
    const n = await sendPreviews(ctx, client, chatId, listBatchItems(ctx.db, linked.userId, batchId));
    return n === 0 ? "Nothing waits for approval in that batch." : `Sent ${n} preview${n === 1 ? "" : "s"}.`;
  }
  if (kind !== "A" && kind !== "R") return "Unknown button. Open the approval page instead.";
  const peek = peekBatchToken(ctx, arg, "telegram");
  if ("problem" in peek) return describeLinkProblem(peek.problem);
  if (peek.userId !== linked.userId || peek.action !== (kind === "A" ? "approve" : "reject"))
    return "This button belongs to another account or action. Nothing was changed.";
  const used = consumeBatchToken(ctx, arg, "telegram");
  if ("problem" in used) return describeLinkProblem(used.problem);
  const result = actOnBatch(ctx, used.userId, used.batchId, used.action, { userId: used.userId, channel: "telegram" });
  if (!result) return "That batch was not found in your account. Nothing was changed.";
  const review = reviewButton(ctx, used.batchId);
  await client.editMessageReplyMarkup(chatId, messageId, { inline_keyboard: review ? [[review]] : [] }).catch(() => undefined);
  const verb = used.action === "approve" ? "Approved" : "Rejected";
  return result.changed === 0
    ? "Nothing was waiting for approval; nothing changed."
    : `${verb} ${result.changed} post${result.changed === 1 ? "" : "s"}.`;
}
