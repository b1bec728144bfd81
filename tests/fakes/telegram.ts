import type { Server } from "bun";

/** One Bot API call the fake received. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
  /** For uploads: the uploaded file's name and size. */
  file?: { field: string; name: string; size: number };
}

type Update = Record<string, unknown> & { update_id: number };

/**
 * A local fake of the Telegram Bot API (https://core.telegram.org/bots/api) speaking its wire format:
 * POST /bot<token>/<method> with JSON or multipart bodies, answers {ok:true,result} or
 * {ok:false,error_code,description[,parameters]}. getUpdates long-polls and confirms by offset.
 */
export class FakeTelegram {
  readonly calls: FakeCall[] = [];
  private updates: Update[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 1;
  private waiters: (() => void)[] = [];
  private openCallbacks = new Set<string>();
  private failNext = new Map<string, { code: number; description: string; retryAfter?: number }>();
  private server!: Server<undefined>;

  constructor(readonly token = "123456:TEST-token") {}

  /** Starts listening on 127.0.0.1 (random port). */
  start(): this {
    this.server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (req) => this.handle(req) });
    return this;
  }

  /** The base URL to configure as telegram.api_base_url. */
  get url(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Stops the server and releases waiting long polls. */
  async stop(): Promise<void> {
    this.wake();
    await this.server.stop(true);
  }

  /** Simulates a user sending a text message in a private chat. */
  sendText(chatId: number, text: string, username = "someone"): void {
    const chat = { id: chatId, type: "private", username, first_name: username };
    this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from: { id: chatId, is_bot: false, first_name: username, username },
        text,
      },
    });
  }

  /** Simulates a tap on an inline button under a message; returns the callback query id. */
  tap(chatId: number, messageId: number, data: string): string {
    const id = `cb${this.nextUpdateId}`;
    this.openCallbacks.add(id);
    const chat = { id: chatId, type: "private" };
    this.push({
      callback_query: {
        id,
        from: { id: chatId, is_bot: false, first_name: "u" },
        chat_instance: "1",
        data,
        message: { message_id: messageId, date: 0, chat },
      },
    });
    return id;
  }

  /** Makes the next call of a method fail with a Bot API error. */
  failOnce(method: string, code: number, description: string, retryAfter?: number): void {
    this.failNext.set(method, { code, description, retryAfter });
  }

  /** Calls of one method. */
  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (polling the recorded calls) until `pred` holds; throws after `ms`. */
  async waitFor(pred: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end)
        throw new Error("fake telegram: condition not met in time; calls: " + this.calls.map((c) => c.method).join(","));
      await Bun.sleep(5);
    }
  }

  /** True once every pushed update was fetched and confirmed by a later getUpdates offset. */
  get drained(): boolean {
    return this.updates.length === 0;
  }

  private push(u: Omit<Update, "update_id">): void {
    this.updates.push({ update_id: this.nextUpdateId++, ...u } as Update);
    this.wake();
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async handle(req: Request): Promise<Response> {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url).pathname);
    if (!m) return this.err(404, "Not Found");
    if (m[1] !== this.token) return this.err(401, "Unauthorized");
    const method = m[2]!;
    const call = await this.readCall(method, req);
    this.calls.push(call);
    const fail = this.failNext.get(method);
    if (fail) {
      this.failNext.delete(method);
      return this.err(fail.code, fail.description, fail.retryAfter);
    }
    return this.dispatch(call);
  }

  private async readCall(method: string, req: Request): Promise<FakeCall> {
    const type = req.headers.get("content-type") ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await req.formData();
      const params: Record<string, unknown> = {};
      let file: FakeCall["file"];
      for (const [k, v] of form.entries()) {
        if (typeof v === "string") params[k] = v;
        else file = { field: k, name: (v as File).name, size: (v as File).size };
      }
      return { method, params, file };
    }
    const text = await req.text();
    return { method, params: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  private async dispatch(call: FakeCall): Promise<Response> {
    const p = call.params;
    switch (call.method) {
      case "getUpdates":
        return this.getUpdates(Number(p.offset ?? 0), Number(p.timeout ?? 0));
      case "sendMessage":
        if (!p.chat_id) return this.err(400, "Bad Request: chat_id is empty");
        if (typeof p.text !== "string" || p.text.trim() === "") return this.err(400, "Bad Request: message text is empty");
        if (typeof p.text === "string" && p.text.length > 4096) return this.err(400, "Bad Request: message is too long");
        return this.checkMarkup(p.reply_markup) ?? this.ok(this.message(p.chat_id, { text: p.text }));
      case "sendPhoto":
      case "sendVideo": {
        const field = call.method === "sendPhoto" ? "photo" : "video";
        if (!p.chat_id) return this.err(400, "Bad Request: chat_id is empty");
        if (!call.file && typeof p[field] !== "string") return this.err(400, `Bad Request: there is no ${field} in the request`);
        if (typeof p.caption === "string" && p.caption.length > 1024) return this.err(400, "Bad Request: message caption is too long");
        return this.ok(
          this.message(p.chat_id, {
            caption: p.caption,
            [field]: [{ file_id: "f" + this.nextMessageId, file_unique_id: "u", width: 1, height: 1 }],
          }),
        );
      }
      case "answerCallbackQuery":
        if (!this.openCallbacks.delete(String(p.callback_query_id)))
          return this.err(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        return this.ok(true);
      case "editMessageReplyMarkup":
        if (!p.chat_id || !p.message_id) return this.err(400, "Bad Request: message identifier is not specified");
        return this.checkMarkup(p.reply_markup) ?? this.ok(this.message(p.chat_id, { reply_markup: p.reply_markup }, Number(p.message_id)));
      case "deleteWebhook":
      case "setWebhook":
        return this.ok(true);
      default:
        return this.err(404, "Not Found");
    }
  }

  private async getUpdates(offset: number, timeout: number): Promise<Response> {
    if (offset) this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (this.updates.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeout * 1000);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
    return this.ok(this.updates.slice(0, 100));
  }

  private checkMarkup(markup: unknown): Response | undefined {
    const rows = (markup as { inline_keyboard?: { callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard;
    for (const b of rows?.flat() ?? []) {
      if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) < 1 || Buffer.byteLength(b.callback_data) > 64))
        return this.err(400, "Bad Request: BUTTON_DATA_INVALID");
      if (b.url !== undefined && (!/^https?:\/\//.test(b.url) || /^https?:\/\/(localhost|127\.|\[::1\])/.test(b.url)))
        return this.err(400, `Bad Request: inline keyboard button URL '${b.url}' is invalid: Wrong HTTP URL`);
    }
    return undefined;
  }

  private message(chatId: unknown, extra: Record<string, unknown>, id = this.nextMessageId++) {
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: "private" },
      from: { id: 1, is_bot: true, first_name: "Amarktai" },
      ...extra,
    };
  }

  private ok(result: unknown): Response {
    return Response.json({ ok: true, result });
  }

  private err(code: number, description: string, retryAfter?: number): Response {
    return Response.json(
      { ok: false, error_code: code, description, ...(retryAfter ? { parameters: { retry_after: retryAfter } } : {}) },
      { status: code },
    );
  }
}
