import sharp from "sharp";

/** A local OpenAI images endpoint: POST /v1/images/generations answering b64_json PNGs (or documented JSON errors). */
export function startOpenAiImagesFake(o: { apiKey: string }) {
  const requests: { model: string; prompt: string; size?: string }[] = [];
  const error = (status: number, message: string, code: string | null, type = "invalid_request_error") =>
    Response.json({ error: { message, type, param: null, code } }, { status });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || url.pathname !== "/v1/images/generations")
        return error(404, `Invalid URL (${req.method} ${url.pathname})`, null);
      if (req.headers.get("authorization") !== `Bearer ${o.apiKey}`) return error(401, "Incorrect API key provided.", "invalid_api_key");
      const body = (await req.json()) as { model?: string; prompt?: string; size?: string };
      if (!body.prompt) return error(400, "Missing required parameter: 'prompt'.", "missing_required_parameter");
      if (/forbidden/i.test(body.prompt))
        return error(400, "Your request was rejected as a result of our safety system.", "content_policy_violation");
      requests.push(body as (typeof requests)[number]);
      const [w, h] = (body.size && body.size !== "auto" ? body.size : "1024x1024").split("x").map(Number) as [number, number];
      const png = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 90, b: 40 } } })
        .png()
        .toBuffer();
      return Response.json({
        created: Math.floor(Date.now() / 1000),
        data: [{ b64_json: png.toString("base64") }],
        usage: { total_tokens: 100, input_tokens: 50, output_tokens: 50 },
      });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/v1`, requests, stop: () => server.stop(true) };
}
