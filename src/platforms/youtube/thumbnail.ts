import type { youtube_v3 } from "googleapis/build/src/apis/youtube";
import { loadSharp } from "../../lib/sharp";
import type { Sleep } from "../wait";

/** thumbnails.set takes JPEG or PNG files of at most 2 MB. */
export const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

/** The step the journal says is still to do from the create on (the item's history names it if the process never comes back to it). */
export const THUMBNAIL_STILL_TO_DO = "set the cover as the YouTube thumbnail (you can do it by hand in YouTube Studio)";

/** The history line when the cover became the thumbnail. */
export const THUMBNAIL_SET = "The cover is set as the Short's thumbnail on YouTube.";

/** An image body ready for thumbnails.set. */
export interface ThumbnailImage {
  body: Buffer;
  mimeType: "image/jpeg" | "image/png";
}

function sniff(buf: Buffer): ThumbnailImage["mimeType"] | undefined {
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return "image/jpeg";
  if (buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  return undefined;
}

/**
 * The cover as YouTube takes it: the file itself when it is a JPEG or PNG of at most 2 MB; otherwise a JPEG
 * within 1080x1920 at falling quality until it fits. It stays vertical: YouTube fits a thumbnail of another
 * aspect ratio into its frame without cropping.
 */
export async function thumbnailImage(path: string): Promise<ThumbnailImage> {
  const file = Bun.file(path);
  if (!(await file.exists())) throw new Error("the cover file is missing (render the media again to make one)");
  const buf = Buffer.from(await file.arrayBuffer());
  const mimeType = sniff(buf);
  if (mimeType && buf.length <= THUMBNAIL_MAX_BYTES) return { body: buf, mimeType };
  const sharp = await loadSharp();
  for (const quality of [85, 70, 55, 40]) {
    const body = await sharp(buf)
      .rotate()
      .resize({ width: 1080, height: 1920, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#000000" })
      .jpeg({ quality })
      .toBuffer();
    if (body.length <= THUMBNAIL_MAX_BYTES) return { body, mimeType: "image/jpeg" };
  }
  throw new Error("the cover stays over YouTube's 2 MB limit even as a smaller JPEG");
}

interface GaxiosLike {
  status?: number;
  response?: { status?: number; data?: unknown; headers?: unknown };
  message?: string;
}

/** What a failed thumbnails.set means: the reason in plain words, and whether trying again can help. */
function classify(e: unknown): { why: string; retry: boolean; waitMs?: number } {
  const g = e as GaxiosLike;
  const status = g.status ?? g.response?.status;
  if (!status) return { why: `YouTube could not be reached (${g.message ?? String(e)})`, retry: true };
  const err = (g.response?.data as { error?: { message?: string; errors?: { reason?: string }[] } } | undefined)?.error;
  const reason = typeof err === "object" ? (err?.errors?.[0]?.reason ?? "") : "";
  if (status === 403) {
    return {
      why: "the channel may not set custom thumbnails. YouTube allows them only on verified channels (verify yours at https://www.youtube.com/verify), or the connection lacks the permission (then connect YouTube again)",
      retry: false,
    };
  }
  if (status === 429 || reason === "uploadRateLimitExceeded") {
    const headers = g.response?.headers as { get?: (n: string) => string | null } | Record<string, string> | undefined;
    const after = Number(
      typeof headers?.get === "function" ? headers.get("retry-after") : (headers as Record<string, string> | undefined)?.["retry-after"],
    );
    return {
      why: "the channel set too many thumbnails recently (YouTube's limit); try again later in YouTube Studio",
      retry: true,
      waitMs: after > 0 ? Math.min(after, 60) * 1000 : undefined,
    };
  }
  if (status >= 500) return { why: `YouTube kept answering ${status} (a problem on its side)`, retry: true };
  if (status === 413 || reason === "mediaBodyTooLarge") return { why: "the cover is larger than the 2 MB YouTube accepts", retry: false };
  if (reason === "invalidImage")
    return { why: "YouTube found the cover image invalid (render the media again, or pick a thumbnail in YouTube Studio)", retry: false };
  if (status === 401) return { why: "YouTube did not accept the access token for this step", retry: false };
  if (status === 404) return { why: "YouTube did not find the video to attach it to", retry: false };
  return { why: `YouTube answered ${status}${reason ? ` (${reason})` : ""}${err?.message ? `: ${err.message}` : ""}`, retry: false };
}

const refused = (why: string) =>
  `YouTube did not take the cover as the thumbnail: ${why}. The Short is published and shows a frame YouTube picked.`;

/**
 * Sets the cover as the video's custom thumbnail through googleapis (a media upload to
 * /upload/youtube/v3/thumbnails/set). Never throws: the Short is published either way, so the outcome comes
 * back as the sentence for the item's history. 5xx, 429 and network errors are tried `tries` times in all.
 */
export async function setThumbnail(
  yt: youtube_v3.Youtube,
  videoId: string,
  coverPath: string,
  opts: { rootUrl: string; sleep: Sleep; signal?: AbortSignal; tries?: number; baseDelayMs?: number },
): Promise<string> {
  let image: ThumbnailImage;
  try {
    image = await thumbnailImage(coverPath);
  } catch (e) {
    return refused(e instanceof Error ? e.message : String(e));
  }
  const tries = opts.tries ?? 3;
  for (let i = 1; ; i++) {
    try {
      // The generated method builds its upload URL from the call's own rootUrl only (the client's is ignored
      // for media uploads), so it is passed here. gaxios would not retry a POST anyway: these retries are the only ones.
      await yt.thumbnails.set(
        { videoId, media: { mimeType: image.mimeType, body: image.body } },
        { rootUrl: opts.rootUrl, retry: false, signal: opts.signal },
      );
      return THUMBNAIL_SET;
    } catch (e) {
      if (opts.signal?.aborted) return refused("publishing was stopped before YouTube answered");
      const f = classify(e);
      if (!f.retry || i >= tries) return refused(f.why);
      const stopped = await opts.sleep(f.waitMs ?? (opts.baseDelayMs ?? 2_000) * 4 ** (i - 1), opts.signal).then(
        () => false,
        () => true,
      );
      if (stopped) return refused("publishing was stopped before YouTube answered");
    }
  }
}
