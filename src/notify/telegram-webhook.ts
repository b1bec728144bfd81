import { Elysia } from "elysia";
import { timingSafeEqual } from "node:crypto";
import type { AppContext } from "../app/context";
import type { TelegramUpdate } from "./telegram";
import { handleTelegramUpdate } from "./telegram-bot";
import { telegramClient } from "./telegram-digest";
import { usesWebhook } from "./telegram-poller";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** POST /telegram/webhook: updates pushed by Telegram, accepted only with the configured secret header. */
export function telegramWebhookRoutes(ctx: AppContext) {
  return new Elysia().post("/telegram/webhook", async ({ request, body, set }) => {
    const client = telegramClient(ctx);
    const secret = request.headers.get("x-telegram-bot-api-secret-token") ?? "";
    if (!client || !usesWebhook(ctx) || !sameSecret(secret, ctx.config.telegram.webhook_secret)) {
      set.status = 404;
      return "not found";
    }
    await handleTelegramUpdate(ctx, client, body as TelegramUpdate).catch((e) =>
      ctx.log.error(`telegram: webhook update failed: ${e instanceof Error ? e.message : e}`),
    );
    return "ok";
  });
}
