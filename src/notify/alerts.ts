import type { AppContext } from "../app/context";
import { getSettings } from "../approvals/store";
import { itemPlatformAndStatus } from "../content/store";
import { PLATFORM_RULES } from "../platforms/rules";
import type { PlatformId } from "../platforms/ids";
import { findUserById } from "../users/store";
import { addNotification } from "./store";
import { telegramClient } from "./telegram-digest";

/** An alert for one user: a title, a sentence of what happened and what to do, and where to look. */
interface Alert {
  userId: number;
  kind: string;
  title: string;
  body: string;
  href: string;
}

/**
 * Tells users about failures on their own channels (in-app always; email and Telegram when chosen in
 * their approval settings): an item that failed to publish or needs a check, a connection to renew.
 */
export function registerAlertListeners(ctx: AppContext): void {
  ctx.events.on("content.attention", async ({ itemId, userId, reason }) => {
    const item = itemPlatformAndStatus(ctx.db, itemId);
    const label = item ? (PLATFORM_RULES[item.platform as PlatformId]?.label ?? item.platform) : "a platform";
    const title = item?.status === "needs_check" ? `Check post #${itemId} on ${label}` : `Post #${itemId} to ${label} failed`;
    await sendAlert(ctx, { userId, kind: "content.attention", title, body: reason, href: `/content/${itemId}` });
  });
  ctx.events.on("connection.revoked", async ({ userId, platform, reason }) => {
    const label = PLATFORM_RULES[platform as PlatformId]?.label ?? platform;
    await sendAlert(ctx, {
      userId,
      kind: "connection.revoked",
      title: `Reconnect ${label}`,
      body: `${reason} Open Platforms and connect ${label} again; posts wait until then.`,
      href: "/platforms",
    });
  });
}

/** Sends one alert on every channel the user chose; a channel that fails is logged, the others still go. */
export async function sendAlert(ctx: AppContext, a: Alert): Promise<void> {
  const now = ctx.clock.now();
  const user = findUserById(ctx.db, a.userId);
  if (!user) return;
  addNotification(ctx.db, { userId: a.userId, kind: a.kind, title: a.title, body: a.body, href: a.href }, now);
  const settings = getSettings(ctx.db, ctx.config, a.userId, now);
  const link = `${ctx.config.server.public_base_url}${a.href}`;
  if (settings.channels.includes("email")) {
    await ctx.mailer
      .send({
        to: user.email,
        subject: a.title,
        text: `${a.body}\n\n${link}\n`,
        html: `<p>${Bun.escapeHTML(a.body)}</p><p><a href="${Bun.escapeHTML(link)}">${Bun.escapeHTML(a.title)}</a></p>`,
      })
      .catch((e) => ctx.log.warn(`alerts: email to user ${a.userId} failed: ${e instanceof Error ? e.message : e}`));
  }
  const client = telegramClient(ctx);
  if (client && settings.channels.includes("telegram") && settings.telegramChatId) {
    await client
      .call("sendMessage", { chat_id: settings.telegramChatId, text: `${a.title}\n${a.body}\n${link}` })
      .catch((e) => ctx.log.warn(`alerts: Telegram message to user ${a.userId} failed: ${e instanceof Error ? e.message : e}`));
  }
}
