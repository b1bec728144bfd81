import { basename } from "node:path";

/** A Bot API error: `{ok:false, error_code, description, parameters?}` (retry_after on 429). */
export class TelegramError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(`telegram: ${method} failed (${code}): ${description}`);
  }
}

/** An inline keyboard button: a callback (max 64 bytes of data) or a URL. */
export type InlineButton = { text: string; callback_data: string } | { text: string; url: string };
/** Inline keyboard markup as the Bot API expects it. */
export interface InlineKeyboard {
  inline_keyboard: InlineButton[][];
}

/** The parts of an Update we act on. */
export interface TelegramUpdate {
  update_id: number;
  message?: {
    message_id: number;
    chat: { id: number; type: string; username?: string };
    from?: { id: number; username?: string };
    text?: string;
  };
  callback_query?: {
    id: string;
    from: { id: number; username?: string };
    data?: string;
    message?: { message_id: number; chat: { id: number; type: string } };
  };
}

/** A file to upload from disk (multipart/form-data), or a file_id / URL string Telegram fetches itself. */
export type TelegramFile = { path: string } | string;

/** A thin client for the Telegram Bot API over plain fetch; the base URL comes from config. */
export class TelegramClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Calls a Bot API method with a JSON body; returns `result` or throws TelegramError. */
  async call<T>(method: string, params: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const res = await fetch(`${this.baseUrl}/bot${this.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
      signal,
    });
    return this.unwrap<T>(method, res);
  }

  private async unwrap<T>(method: string, res: Response): Promise<T> {
    let body: { ok?: boolean; result?: T; error_code?: number; description?: string; parameters?: { retry_after?: number } };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new TelegramError(method, res.status, `the Bot API answered HTTP ${res.status} without JSON`);
    }
    if (!body.ok)
      throw new TelegramError(method, body.error_code ?? res.status, body.description ?? "no description", body.parameters?.retry_after);
    return body.result as T;
  }

  /** Long-polls for updates after `offset` (confirming earlier ones), waiting up to `timeout` seconds. */
  getUpdates(offset: number | undefined, timeout: number, signal?: AbortSignal): Promise<TelegramUpdate[]> {
    return this.call<TelegramUpdate[]>("getUpdates", { offset, timeout, allowed_updates: ["message", "callback_query"] }, signal);
  }

  /** Sends a text message (HTML parse mode) with an optional inline keyboard. */
  sendMessage(chatId: string, text: string, replyMarkup?: InlineKeyboard): Promise<{ message_id: number }> {
    return this.call("sendMessage", {
      chat_id: chatId,
      text,
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: replyMarkup,
    });
  }

  /** Sends a photo with a caption. */
  sendPhoto(chatId: string, photo: TelegramFile, caption: string): Promise<{ message_id: number }> {
    return this.sendFile("sendPhoto", "photo", chatId, photo, caption);
  }

  /** Sends a video with a caption. */
  sendVideo(chatId: string, video: TelegramFile, caption: string): Promise<{ message_id: number }> {
    return this.sendFile("sendVideo", "video", chatId, video, caption);
  }

  private async sendFile(
    method: string,
    field: string,
    chatId: string,
    file: TelegramFile,
    caption: string,
  ): Promise<{ message_id: number }> {
    if (typeof file === "string") return this.call(method, { chat_id: chatId, [field]: file, caption });
    const form = new FormData();
    form.set("chat_id", chatId);
    form.set("caption", caption);
    form.set(field, Bun.file(file.path), basename(file.path));
    const res = await fetch(`${this.baseUrl}/bot${this.token}/${method}`, { method: "POST", body: form });
    return this.unwrap(method, res);
  }

  /** Answers a button tap (the small toast in the Telegram app); must be called for every callback query. */
  answerCallbackQuery(id: string, text: string): Promise<boolean> {
    return this.call("answerCallbackQuery", { callback_query_id: id, text });
  }

  /** Replaces (or with an empty keyboard removes) a message's inline buttons. */
  editMessageReplyMarkup(chatId: string, messageId: number, replyMarkup: InlineKeyboard): Promise<unknown> {
    return this.call("editMessageReplyMarkup", { chat_id: chatId, message_id: messageId, reply_markup: replyMarkup });
  }

  /** Registers a webhook URL with its secret header value. */
  setWebhook(url: string, secretToken: string): Promise<boolean> {
    return this.call("setWebhook", { url, secret_token: secretToken, allowed_updates: ["message", "callback_query"] });
  }

  /** Removes the webhook so getUpdates works (Telegram refuses long polling while a webhook is set). */
  deleteWebhook(): Promise<boolean> {
    return this.call("deleteWebhook", {});
  }
}
