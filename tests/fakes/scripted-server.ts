/** A request a fake received, as the client really sent it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: any;
}

/** One scripted answer: status, headers, a JSON body (or a function of the request), and an optional delay. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown | ((req: RecordedRequest) => unknown);
  delayMs?: number;
}

/** A local HTTP server answering from a queue of scripted replies and logging every request. */
export interface ScriptedServer {
  /** Base origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  requests: RecordedRequest[];
  enqueue(...replies: Scripted[]): void;
  /** Replies still waiting in the queue. */
  pending(): number;
  stop(): Promise<void>;
}

/** Options of a scripted server: `check` answers like the real API would to a malformed request; `fallback` serves when the queue is empty. */
export interface ScriptedOptions {
  route: (method: string, path: string) => boolean;
  check: (req: RecordedRequest) => Scripted | undefined;
  fallback?: (req: RecordedRequest) => Scripted;
  emptyQueue: Scripted;
}

/** Starts a scripted server on 127.0.0.1 and a random port. */
export function startScriptedServer(opts: ScriptedOptions): ScriptedServer {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 30,
    async fetch(request) {
      const url = new URL(request.url);
      const text = await request.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {}
      const rec: RecordedRequest = { method: request.method, path: url.pathname, headers: request.headers.toJSON(), body };
      if (!opts.route(request.method, url.pathname))
        return Response.json({ error: `fake: no route ${request.method} ${url.pathname}` }, { status: 404 });
      requests.push(rec);
      const reply = opts.check(rec) ?? queue.shift() ?? opts.fallback?.(rec) ?? opts.emptyQueue;
      if (reply.delayMs) await Bun.sleep(reply.delayMs);
      const payload = typeof reply.body === "function" ? (reply.body as (r: RecordedRequest) => unknown)(rec) : reply.body;
      return new Response(JSON.stringify(payload ?? {}), {
        status: reply.status ?? 200,
        headers: { "content-type": "application/json", ...reply.headers },
      });
    },
  });
  return {
    origin: `http://127.0.0.1:${server.port}`,
    requests,
    enqueue: (...r) => void queue.push(...r),
    pending: () => queue.length,
    stop: async () => void (await server.stop(true)),
  };
}
