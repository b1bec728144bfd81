import { startScriptedServer, type RecordedRequest, type Scripted, type ScriptedServer } from "./scripted-server";

/** A local server speaking Ollama's POST /api/chat (non-streaming). */
export interface FakeOllama extends ScriptedServer {
  /** The host to configure as base_url. */
  baseUrl: string;
}

const error = (status: number, message: string, headers: Record<string, string> = {}): Scripted => ({
  status,
  headers,
  body: { error: message },
});

/** A finished chat reply whose message content is `content` (objects sent as JSON text), with token counts. */
export function ollamaAnswer(content: unknown, counts = { prompt_eval_count: 90, eval_count: 30 }): Scripted {
  return {
    body: (req: RecordedRequest) => ({
      model: req.body.model,
      created_at: new Date().toISOString(),
      message: { role: "assistant", content: typeof content === "string" ? content : JSON.stringify(content) },
      done: true,
      done_reason: "stop",
      total_duration: 1_200_000_000,
      load_duration: 2_000_000,
      prompt_eval_count: counts.prompt_eval_count,
      prompt_eval_duration: 300_000_000,
      eval_count: counts.eval_count,
      eval_duration: 800_000_000,
    }),
  };
}

/** An error reply with Ollama's {"error": "..."} body. */
export function ollamaError(status: number, message: string, headers: Record<string, string> = {}): Scripted {
  return error(status, message, headers);
}

/** A reply that arrives only after `ms`. */
export function ollamaSlow(ms: number, reply: Scripted = ollamaAnswer({})): Scripted {
  return { ...reply, delayMs: ms };
}

function check(req: RecordedRequest): Scripted | undefined {
  const b = req.body;
  if (typeof b?.model !== "string" || b.model === "") return error(400, "model is required");
  if (b.stream !== false) return error(400, "fake ollama: only stream:false is supported");
  if (b.format !== undefined && b.format !== "json" && typeof b.format !== "object") return error(400, "invalid format");
  return undefined;
}

/** Starts the fake; `fallback` answers when nothing is queued (benchmarks), else an unscripted request gets a 400. */
export function startFakeOllama(opts: { fallback?: (req: RecordedRequest) => Scripted } = {}): FakeOllama {
  const s = startScriptedServer({
    route: (m, p) => m === "POST" && p === "/api/chat",
    check,
    fallback: opts.fallback,
    emptyQueue: error(400, "fake ollama: no reply scripted for this request"),
  });
  return Object.assign(s, { baseUrl: s.origin });
}
