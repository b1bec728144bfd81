import { speechSeconds, toneWav } from "./media-audio";

/** A local ElevenLabs: POST /v1/text-to-speech/{voice_id} with xi-api-key, answering MP3 (encoded by ffmpeg) or documented errors. */
export function startElevenLabsFake(o: { apiKey: string; voiceIds: string[] }) {
  const requests: { voiceId: string; text: string; model_id?: string; outputFormat: string | null }[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const m = /^\/v1\/text-to-speech\/([^/]+)$/.exec(url.pathname);
      if (req.method !== "POST" || !m) return Response.json({ detail: "Not Found" }, { status: 404 });
      if (req.headers.get("xi-api-key") !== o.apiKey)
        return Response.json({ detail: { status: "invalid_api_key", message: "Invalid API key" } }, { status: 401 });
      const voiceId = decodeURIComponent(m[1]!);
      if (!o.voiceIds.includes(voiceId))
        return Response.json(
          { detail: { status: "voice_not_found", message: `A voice with the voice_id ${voiceId} was not found.` } },
          { status: 404 },
        );
      const body = (await req.json()) as { text?: string; model_id?: string };
      if (typeof body.text !== "string" || !body.text)
        return Response.json({ detail: [{ loc: ["body", "text"], msg: "field required", type: "value_error.missing" }] }, { status: 422 });
      requests.push({ voiceId, text: body.text, model_id: body.model_id, outputFormat: url.searchParams.get("output_format") });
      const mp3 = Bun.spawnSync(
        ["ffmpeg", "-v", "error", "-f", "wav", "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "pipe:1"],
        { stdin: toneWav(speechSeconds(body.text), 44100) },
      );
      return new Response(new Uint8Array(mp3.stdout), { headers: { "content-type": "audio/mpeg" } });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, requests, stop: () => server.stop(true) };
}
