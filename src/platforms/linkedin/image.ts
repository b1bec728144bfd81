import type { Config } from "../../config/schema";
import { imageMime } from "../images";
import { PlatformError } from "../types";
import { linkedinError, type linkedinFetch } from "./client";

/**
 * Uploads an image through the Images API: POST /rest/images?action=initializeUpload {owner}, then PUT the
 * bytes to the returned uploadUrl (with the member's token). Returns the image URN for content.media.id.
 */
export async function uploadLinkedInImage(
  cfg: Config["platform_linkedin"],
  call: ReturnType<typeof linkedinFetch>,
  accessToken: string,
  owner: string,
  path: string,
  now: Date,
  signal?: AbortSignal,
): Promise<string> {
  const init = await call("/rest/images?action=initializeUpload", {
    method: "POST",
    during: "starting the image upload",
    body: { initializeUploadRequest: { owner } },
  });
  const v = ((await init.json()) as { value: { uploadUrl: string; image: string } }).value;
  let res: Response;
  try {
    res = await fetch(v.uploadUrl, {
      method: "PUT",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": imageMime(path) },
      body: Bun.file(path),
      signal,
    });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach LinkedIn while uploading the image: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok) throw await linkedinError(res, "uploading the image", now, cfg.version);
  return v.image;
}
