import { speechSeconds, toneWav } from "./media-audio";

/** A local OpenAI speech endpoint: POST /v1/audio/speech with Bearer auth, answering WAV (or documented JSON errors). */
export function startOpenAiTtsFake(o: { apiKey: string }) {
  const requests: { model: string; voice: string; input: string; response_format?: string }[] = [];
  const error = (status: number, message: string, code: string | null, type = "invalid_request_error") =>
    Response.json({ error: { message, type, param: null, code } }, { status });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method !== "POST" || url.pathname !== "/v1/audio/speech")
        return error(404, `Invalid URL (${req.method} ${url.pathname})`, null);
      if (req.headers.get("authorization") !== `Bearer ${o.apiKey}`) return error(401, "Incorrect API key provided.", "invalid_api_key");
      const body = (await req.json()) as { model?: string; voice?: string; input?: string; response_format?: string };
      if (!body.model || !body.voice || typeof body.input !== "string")
        return error(400, "Missing required parameter: 'model', 'voice' or 'input'.", "missing_required_parameter");
      if (body.input.length > 4096) return error(400, "Input is longer than 4096 characters.", "string_above_max_length");
      requests.push(body as (typeof requests)[number]);
      const fmt = body.response_format ?? "mp3";
      if (fmt !== "wav") return error(400, `This fake only answers wav, not ${fmt}.`, "unsupported_format");
      return new Response(new Uint8Array(toneWav(speechSeconds(body.input))), { headers: { "content-type": "audio/wav" } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/v1`, requests, stop: () => server.stop(true) };
}
