import { ImageGenerationError, type ImageGenerator } from "./types";

const POLL_MS = 2000;

// Leonardo wants multiples of 8 within 32-1024 for its classic models; keep the aspect ratio.
function dims(w: number, h: number): { width: number; height: number } {
  const s = 1024 / Math.max(w, h);
  const r8 = (n: number) => Math.max(32, Math.min(1024, Math.round((n * s) / 8) * 8));
  return { width: r8(w), height: r8(h) };
}

/**
 * Leonardo image generation over its REST API: POST /generations starts a job
 * (sdGenerationJob.generationId), GET /generations/{id} is polled until generations_by_pk.status
 * is COMPLETE (or FAILED), then the first generated image URL is downloaded.
 */
export function leonardoImages(o: {
  apiKey: string;
  baseURL: string;
  modelId: string;
  timeoutMs: number;
  pollMs?: number;
}): ImageGenerator {
  if (!o.apiKey)
    throw new ImageGenerationError(
      "imagegen.provider is leonardo but imagegen.leonardo_api_key is empty; add the key or set imagegen.provider to none",
    );
  const headers = { authorization: `Bearer ${o.apiKey}`, accept: "application/json", "content-type": "application/json" };
  const call = async (path: string, init: RequestInit, signal: AbortSignal) => {
    const res = await fetch(`${o.baseURL}${path}`, { ...init, headers, signal });
    const text = await res.text();
    if (!res.ok) throw new ImageGenerationError(`Leonardo refused (HTTP ${res.status}): ${leonardoError(text)}`);
    return JSON.parse(text) as Record<string, any>;
  };
  return {
    name: `leonardo:${o.modelId || "default"}`,
    async generate(prompt, { width, height, signal }) {
      const deadline = AbortSignal.timeout(o.timeoutMs);
      const sig = signal ? AbortSignal.any([signal, deadline]) : deadline;
      const body = { prompt, num_images: 1, ...dims(width, height), ...(o.modelId ? { modelId: o.modelId } : {}) };
      const started = await call("/generations", { method: "POST", body: JSON.stringify(body) }, sig);
      const id = started.sdGenerationJob?.generationId;
      if (!id) throw new ImageGenerationError("Leonardo did not return a generation id");
      for (;;) {
        const g = (await call(`/generations/${encodeURIComponent(id)}`, { method: "GET" }, sig)).generations_by_pk;
        if (g?.status === "FAILED") throw new ImageGenerationError(`Leonardo generation ${id} failed`);
        const url = g?.generated_images?.[0]?.url;
        if (g?.status === "COMPLETE" && url) {
          const img = await fetch(url, { signal: sig });
          if (!img.ok) throw new ImageGenerationError(`downloading Leonardo image failed (HTTP ${img.status})`);
          return Buffer.from(await img.arrayBuffer());
        }
        await Bun.sleep(o.pollMs ?? POLL_MS);
        if (sig.aborted) throw new ImageGenerationError(`Leonardo generation ${id} did not finish in time`);
      }
    },
  };
}

function leonardoError(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: string; message?: string };
    return j.error ?? j.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
