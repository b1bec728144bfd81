import sharp from "sharp";

/**
 * A local Leonardo REST API: POST /api/rest/v1/generations starts a job, GET /api/rest/v1/generations/{id}
 * answers PENDING once and then COMPLETE with generated_images URLs served by the fake; Bearer auth.
 */
export function startLeonardoFake(o: { apiKey: string; failPrompts?: RegExp }) {
  const jobs = new Map<string, { polls: number; width: number; height: number; fail: boolean; prompt: string }>();
  let seq = 0;
  let port = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req): Promise<Response> {
      const url = new URL(req.url);
      const base = `http://127.0.0.1:${port}`;
      if (url.pathname.startsWith("/cdn/")) {
        const j = jobs.get(url.pathname.slice(5).replace(/\.jpg$/, ""));
        if (!j) return new Response("not found", { status: 404 });
        return new Response(
          await sharp({ create: { width: j.width, height: j.height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
            .jpeg()
            .toBuffer(),
          { headers: { "content-type": "image/jpeg" } },
        );
      }
      if (req.headers.get("authorization") !== `Bearer ${o.apiKey}`)
        return Response.json({ error: "Invalid token", path: url.pathname, code: "invalid-jwt" }, { status: 401 });
      if (req.method === "POST" && url.pathname === "/api/rest/v1/generations") {
        const body = (await req.json()) as { prompt?: string; width?: number; height?: number };
        if (!body.prompt) return Response.json({ error: "prompt is required", code: "bad-request" }, { status: 400 });
        const w = body.width ?? 1024;
        const h = body.height ?? 768;
        if (w % 8 || h % 8 || w > 1536 || h > 1536)
          return Response.json({ error: "width and height must be multiples of 8 up to 1536", code: "bad-request" }, { status: 400 });
        const id = `gen-${++seq}`;
        jobs.set(id, { polls: 0, width: w, height: h, fail: !!o.failPrompts?.test(body.prompt), prompt: body.prompt });
        return Response.json({ sdGenerationJob: { generationId: id, apiCreditCost: 8 } });
      }
      const m = /^\/api\/rest\/v1\/generations\/([^/]+)$/.exec(url.pathname);
      if (req.method === "GET" && m) {
        const j = jobs.get(m[1]!);
        if (!j) return Response.json({ generations_by_pk: null });
        j.polls++;
        const status = j.polls < 2 ? "PENDING" : j.fail ? "FAILED" : "COMPLETE";
        const images = status === "COMPLETE" ? [{ id: `${m[1]}-img`, url: `${base}/cdn/${m[1]}.jpg`, nsfw: false }] : [];
        return Response.json({
          generations_by_pk: { id: m[1], status, prompt: j.prompt, imageWidth: j.width, imageHeight: j.height, generated_images: images },
        });
      }
      return Response.json({ error: "not found", code: "not-found" }, { status: 404 });
    },
  });
  port = server.port!;
  return { url: `http://127.0.0.1:${port}/api/rest/v1`, jobs, stop: () => server.stop(true) };
}
