import { startScriptedServer, type RecordedRequest, type Scripted, type ScriptedServer } from "./scripted-server";

/** A local server speaking Anthropic's POST /v1/messages. */
export interface FakeAnthropic extends ScriptedServer {
  /** The base_url to configure (the SDK appends /v1/messages). */
  baseUrl: string;
}

const error = (status: number, type: string, message: string, headers: Record<string, string> = {}): Scripted => ({
  status,
  headers: { "request-id": `req_${crypto.randomUUID()}`, ...headers },
  body: { type: "error", error: { type, message } },
});

function message(req: RecordedRequest, content: unknown[], stop: string, usage: { input_tokens: number; output_tokens: number }) {
  return {
    id: `msg_${crypto.randomUUID()}`,
    type: "message",
    role: "assistant",
    model: req.body.model,
    content,
    stop_reason: stop,
    stop_sequence: null,
    usage,
  };
}

/** A message whose content is a tool_use block calling the requested tool with `input`. */
export function anthropicToolAnswer(input: unknown, usage = { input_tokens: 150, output_tokens: 60 }): Scripted {
  return {
    body: (req: RecordedRequest) => {
      const name = req.body.tool_choice?.name ?? req.body.tools?.[0]?.name ?? "answer";
      return message(req, [{ type: "tool_use", id: `toolu_${crypto.randomUUID().replace(/-/g, "")}`, name, input }], "tool_use", usage);
    },
  };
}

/** A message whose content is one text block. */
export function anthropicTextAnswer(text: string, usage = { input_tokens: 150, output_tokens: 60 }): Scripted {
  return { body: (req: RecordedRequest) => message(req, [{ type: "text", text }], "end_turn", usage) };
}

/** 429 rate_limit_error with Retry-After seconds. */
export function anthropicRateLimited(retryAfterSeconds: number): Scripted {
  return error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", {
    "retry-after": String(retryAfterSeconds),
  });
}

/** 529 overloaded_error. */
export function anthropicOverloaded(): Scripted {
  return error(529, "overloaded_error", "Overloaded");
}

/** 500 api_error. */
export function anthropicServerError(): Scripted {
  return error(500, "api_error", "Internal server error");
}

function check(req: RecordedRequest): Scripted | undefined {
  // The SDK sends the key as x-api-key or as Authorization: Bearer; the API takes either.
  if (!req.headers["x-api-key"] && !/^Bearer \S+/.test(req.headers["authorization"] ?? ""))
    return error(401, "authentication_error", "x-api-key header is required");
  if (!req.headers["anthropic-version"]) return error(400, "invalid_request_error", "anthropic-version: header is required");
  const b = req.body;
  if (typeof b?.model !== "string") return error(400, "invalid_request_error", "model: Field required");
  if (typeof b.max_tokens !== "number") return error(400, "invalid_request_error", "max_tokens: Field required");
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return error(400, "invalid_request_error", "messages: at least one message is required");
  if (b.messages[0].role !== "user") return error(400, "invalid_request_error", 'messages: first message must use the "user" role');
  if (b.messages.some((m: { role: string }) => m.role !== "user" && m.role !== "assistant"))
    return error(400, "invalid_request_error", "messages: roles must be user or assistant");
  for (const t of b.tools ?? [])
    if (t.input_schema?.type !== "object")
      return error(400, "invalid_request_error", "tools.0.input_schema.type: Input should be 'object'");
  return undefined;
}

/** Starts the fake; `fallback` answers when nothing is queued (benchmarks), else an unscripted request gets a 400. */
export function startFakeAnthropic(opts: { fallback?: (req: RecordedRequest) => Scripted } = {}): FakeAnthropic {
  const s = startScriptedServer({
    route: (m, p) => m === "POST" && p === "/v1/messages",
    check,
    fallback: opts.fallback,
    emptyQueue: error(400, "invalid_request_error", "fake anthropic: no reply scripted for this request"),
  });
  return Object.assign(s, { baseUrl: s.origin });
}
