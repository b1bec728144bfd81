import { bool, int, str, url } from "../option";

/** The Telegram bot that sends digests and takes Approve all / Reject all taps. */
export const telegram = {
  bot_token: str({
    default: "",
    secret: true,
    doc: "Bot token from @BotFather; empty turns the Telegram channel off (or AMARKTAI_TELEGRAM_BOT_TOKEN_FILE).",
  }),
  api_base_url: url({
    default: "https://api.telegram.org",
    doc: "Telegram Bot API base URL (tests point it at a local fake; a self-hosted Bot API server also works).",
  }),
  webhook: bool({
    default: false,
    doc: "Receive updates by webhook instead of long polling; only used when server.public_base_url is HTTPS.",
  }),
  webhook_secret: str({
    default: "",
    secret: true,
    doc: "Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with each webhook call; required when webhook is on.",
  }),
  poll_timeout_seconds: int({ default: 50, min: 1, max: 90, doc: "Long-polling timeout for getUpdates." }),
};

/** Defaults for each user's approval settings (each user can change theirs). */
export const approval = {
  digest_time: str({
    default: "08:00",
    pattern: /^([01]\d|2[0-3]):[0-5]\d$/,
    hint: "a time as HH:MM (24 h)",
    doc: "Default time of the daily digest, in each user's timezone.",
  }),
  link_lifetime_hours: int({ default: 36, min: 1, max: 168, doc: "Default lifetime of one-tap Approve all / Reject all links." }),
  auto_approve_hours: int({ default: 6, min: 1, max: 72, doc: "Default wait before auto-approval for users who opt in to it." }),
};
