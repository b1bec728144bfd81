// The fake YouTube's wire helpers and thumbnails.set, kept apart so tests/fakes/youtube.ts stays readable.

/** A Google API error body (error.code, message, errors[].reason, status), as the YouTube Data API answers. */
export function gError(code: number, message: string, reason: string, status: string, headers: Record<string, string> = {}): Response {
  return Response.json(
    { error: { code, message, errors: [{ message, domain: "youtube.video", reason }], status } },
    { status: code, headers },
  );
}

/** A custom thumbnail as thumbnails.set received it. */
export interface ReceivedThumbnail {
  bytes: Uint8Array;
  contentType: string;
  uploadType: string;
}

/** Scripted answers of thumbnails.set. */
export type ThumbnailFault = "thumb_rate_limit" | "invalid_image" | "server_error";

const MAX_BYTES = 2 * 1024 * 1024;
const ACCEPTED = ["image/jpeg", "image/png", "application/octet-stream"];

function isImage(b: Uint8Array): boolean {
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const png = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  return b.length > 8 && (jpeg || png);
}

/**
 * POST /upload/youtube/v3/thumbnails/set?videoId=...&uploadType=media with the image as the raw body (what
 * googleapis sends for a media upload without metadata): documented limits (2 MB; JPEG, PNG or
 * octet-stream) and errors (400 invalidImage / mediaBodyRequired, 403 forbidden for a channel that may not
 * set custom thumbnails, 404 videoNotFound, 429 uploadRateLimitExceeded).
 */
export async function thumbnailsSet(
  req: Request,
  url: URL,
  world: { verified: boolean; hasVideo(id: string): boolean; fault?: ThumbnailFault; store: Map<string, ReceivedThumbnail> },
): Promise<Response> {
  const q = url.searchParams;
  const videoId = q.get("videoId") ?? "";
  const uploadType = q.get("uploadType") ?? "";
  const contentType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (world.fault === "server_error") return gError(503, "Backend Error", "backendError", "UNAVAILABLE");
  if (world.fault === "thumb_rate_limit")
    return gError(
      429,
      "The channel has uploaded too many thumbnails recently. Please try the request again later.",
      "uploadRateLimitExceeded",
      "RESOURCE_EXHAUSTED",
    );
  if (uploadType !== "media") return gError(400, "this fake takes thumbnails as uploadType=media", "badRequest", "INVALID_ARGUMENT");
  if (!videoId) return gError(400, "Required parameter: videoId", "required", "INVALID_ARGUMENT");
  if (!world.hasVideo(videoId))
    return gError(404, "The video that you are trying to update cannot be found.", "videoNotFound", "NOT_FOUND");
  if (!world.verified)
    return gError(
      403,
      "The authenticated user doesn't have permissions to upload and set custom video thumbnails.",
      "forbidden",
      "PERMISSION_DENIED",
    );
  if (bytes.length === 0) return gError(400, "The request does not include the image content.", "mediaBodyRequired", "INVALID_ARGUMENT");
  if (bytes.length > MAX_BYTES) return gError(413, `Media larger than: ${MAX_BYTES}`, "mediaBodyTooLarge", "INVALID_ARGUMENT");
  if (!ACCEPTED.includes(contentType))
    return gError(400, `Media type '${contentType}' is not supported.`, "badContent", "INVALID_ARGUMENT");
  if (world.fault === "invalid_image" || !isImage(bytes))
    return gError(400, "The provided image content is invalid.", "invalidImage", "INVALID_ARGUMENT");
  world.store.set(videoId, { bytes, contentType, uploadType });
  const thumb = (name: string, w: number, h: number) => ({
    [name]: { url: `https://i.ytimg.com/vi/${videoId}/${name}.jpg`, width: w, height: h },
  });
  return Response.json({
    kind: "youtube#thumbnailSetResponse",
    etag: `"${videoId}-${bytes.length}"`,
    items: [{ ...thumb("default", 120, 90), ...thumb("medium", 320, 180), ...thumb("high", 480, 360) }],
  });
}
