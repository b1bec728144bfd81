import type { Config } from "../../config/schema";
import { imageMime } from "../images";
import { graphError } from "../meta/graph";
import { type Connection, PlatformError, type RemotePost } from "../types";

/**
 * A Page photo post: POST /{page-id}/photos as multipart with the file in `source` (works behind NAT; no public
 * URL needed) and the caption in `message`. This one call uploads and publishes.
 */
export async function postPagePhoto(
  cfg: Config["platform_meta"],
  conn: Connection,
  path: string,
  caption: string,
  now: Date,
  signal?: AbortSignal,
): Promise<RemotePost> {
  const form = new FormData();
  form.set("access_token", conn.accessToken);
  form.set("message", caption);
  form.set("published", "true");
  form.set("source", new File([await Bun.file(path).arrayBuffer()], path.split("/").pop() ?? "image.jpg", { type: imageMime(path) }));
  let res: Response;
  try {
    res = await fetch(`${cfg.graph_base}/${conn.accountId}/photos`, { method: "POST", body: form, signal });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach Facebook while posting the photo: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok) throw await graphError(res, "posting the photo", now);
  const b = (await res.json()) as { id: string; post_id?: string };
  return { remoteId: b.id, permalink: `https://www.facebook.com/${b.post_id ?? b.id}`, text: caption };
}
