import type { AppContext } from "../app/context";
import { TelegramError } from "./telegram";
import { handleTelegramUpdate } from "./telegram-bot";
import { telegramClient } from "./telegram-digest";

/** A running receiver of Telegram updates. */
export interface TelegramReceiver {
  stop(): Promise<void>;
}

/** True when updates come by webhook: asked for in config, a secret set, and a public HTTPS address. */
export function usesWebhook(ctx: AppContext): boolean {
  const t = ctx.config.telegram;
  return t.webhook && t.webhook_secret !== "" && ctx.config.server.public_base_url.startsWith("https://");
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}

/**
 * Starts receiving updates: registers the webhook when configured, else long-polls getUpdates
 * (works behind NAT). Does nothing without a bot token. stop() ends the loop and waits for it.
 */
export function startTelegram(ctx: AppContext): TelegramReceiver {
  const client = telegramClient(ctx);
  if (!client) return { stop: async () => {} };
  if (usesWebhook(ctx)) {
    client
      .setWebhook(`${ctx.config.server.public_base_url}/telegram/webhook`, ctx.config.telegram.webhook_secret)
      .catch((e) => ctx.log.error(`telegram: cannot set the webhook: ${e instanceof Error ? e.message : e}; check telegram.bot_token`));
    return { stop: async () => {} };
  }
  const ac = new AbortController();
  const loop = (async () => {
    let offset: number | undefined;
    await client.deleteWebhook().catch(() => undefined);
    while (!ac.signal.aborted) {
      try {
        const updates = await client.getUpdates(offset, ctx.config.telegram.poll_timeout_seconds, ac.signal);
        for (const u of updates) {
          offset = u.update_id + 1;
          await handleTelegramUpdate(ctx, client, u).catch((e) =>
            ctx.log.error(`telegram: update ${u.update_id} failed: ${e instanceof Error ? e.message : e}`),
          );
        }
      } catch (e) {
        if (ac.signal.aborted) break;
        const wait = e instanceof TelegramError && e.retryAfter ? e.retryAfter * 1000 : 5000;
        ctx.log.warn(`telegram: getUpdates failed: ${e instanceof Error ? e.message : e}; retrying in ${Math.round(wait / 1000)} s`);
        await sleep(wait, ac.signal);
      }
    }
  })();
  return {
    async stop() {
      ac.abort();
      await loop;
    },
  };
}
