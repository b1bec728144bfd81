import { startScriptedServer, type RecordedRequest, type Scripted, type ScriptedServer } from "./scripted-server";

/** A local server speaking OpenAI's POST /v1/chat/completions (also what xAI and compatible servers speak). */
export interface FakeOpenAi extends ScriptedServer {
  /** The base_url to configure: origin + "/v1". */
  baseUrl: string;
}

const error = (
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
  param: string | null = null,
): Scripted => ({
  status,
  headers,
  body: { error: { message, type, param, code: null } },
});

/** A chat.completion whose message content is `content` (objects are sent as JSON text), with usage tokens. */
export function openAiAnswer(content: unknown, usage = { prompt_tokens: 120, completion_tokens: 40 }): Scripted {
  return {
    body: (req: RecordedRequest) => ({
      id: `chatcmpl-${crypto.randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: req.body.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: typeof content === "string" ? content : JSON.stringify(content), refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
  };
}

/** 429 with Retry-After (seconds, or an HTTP date when given a string). */
export function openAiRateLimited(retryAfter: number | string): Scripted {
  return error(429, "rate_limit_error", "Rate limit reached for requests", { "retry-after": String(retryAfter) });
}

/** 500 server error. */
export function openAiServerError(): Scripted {
  return error(500, "server_error", "The server had an error while processing your request. Sorry about that!");
}

/** A reply that arrives only after `ms` (to trip the client's timeout). */
export function openAiSlow(ms: number, reply: Scripted = openAiAnswer({})): Scripted {
  return { ...reply, delayMs: ms };
}

/** 400 as servers that do not support structured outputs answer a json_schema response_format. */
export function openAiJsonSchemaUnsupported(): Scripted {
  return error(
    400,
    "invalid_request_error",
    "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
    {},
    "response_format",
  );
}

function check(req: RecordedRequest): Scripted | undefined {
  if (!/^Bearer \S+/.test(req.headers["authorization"] ?? "")) return error(401, "invalid_request_error", "You didn't provide an API key.");
  const b = req.body;
  if (typeof b !== "object" || b === null) return error(400, "invalid_request_error", "We could not parse the JSON body of your request.");
  if (typeof b.model !== "string") return error(400, "invalid_request_error", "you must provide a model parameter", {}, "model");
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return error(400, "invalid_request_error", "'messages' must contain at least one message", {}, "messages");
  const rf = b.response_format;
  if (rf?.type === "json_schema" && (typeof rf.json_schema?.name !== "string" || typeof rf.json_schema?.schema !== "object")) {
    return error(400, "invalid_request_error", "Missing required parameter: 'response_format.json_schema.name'.", {}, "response_format");
  }
  const texts = b.messages.map((m: { content: unknown }) => (typeof m.content === "string" ? m.content : "")).join(" ");
  if (rf?.type === "json_object" && !/json/i.test(texts))
    return error(
      400,
      "invalid_request_error",
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
      {},
      "messages",
    );
  return undefined;
}

/** Starts the fake; `fallback` answers when nothing is queued (benchmarks), else an unscripted request gets a 418. */
export function startFakeOpenAi(opts: { fallback?: (req: RecordedRequest) => Scripted } = {}): FakeOpenAi {
  const s = startScriptedServer({
    route: (m, p) => m === "POST" && p === "/v1/chat/completions",
    check,
    fallback: opts.fallback,
    emptyQueue: error(418, "invalid_request_error", "fake openai: no reply scripted for this request"),
  });
  return Object.assign(s, { baseUrl: `${s.origin}/v1` });
}
