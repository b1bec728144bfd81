import type { Config } from "../../config/schema";
import { imageMime } from "../images";
import { graphCall, graphError } from "../meta/graph";
import { type Connection, PlatformError, type PublishInput, type PublishJournal, type RemotePost } from "../types";

/** Uploads one photo to the Page unpublished (published=false): it gets an id to attach, and shows nowhere on its own. */
async function uploadUnpublished(cfg: Config["platform_meta"], conn: Connection, path: string, now: Date, signal?: AbortSignal) {
  const form = new FormData();
  form.set("access_token", conn.accessToken);
  form.set("published", "false");
  form.set("source", new File([await Bun.file(path).arrayBuffer()], path.split("/").pop() ?? "slide.jpg", { type: imageMime(path) }));
  let res: Response;
  try {
    res = await fetch(`${cfg.graph_base}/${conn.accountId}/photos`, { method: "POST", body: form, signal });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach Facebook while uploading a slide: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok) throw await graphError(res, "uploading a slide", now);
  return ((await res.json()) as { id: string }).id;
}

/**
 * A Page multi-photo post, as the Pages API documents it: each slide uploaded with POST /{page-id}/photos
 * published=false (its id journalled as `fbPhotos` before the next call, so a rerun does not upload it again),
 * then one POST /{page-id}/feed with the message and attached_media[i]={"media_fbid": id}, in order. The feed
 * post's create is journalled first; its id comes back as {page-id}_{post-id}.
 */
export async function postPageCarousel(
  cfg: Config["platform_meta"],
  conn: Connection,
  input: PublishInput,
  journal: PublishJournal,
  now: () => Date,
  signal?: AbortSignal,
): Promise<RemotePost> {
  const paths = input.imagePaths ?? [];
  const ids = (journal.data.fbPhotos ?? "").split(",").filter(Boolean);
  for (let k = ids.length; k < paths.length; k++) {
    signal?.throwIfAborted();
    journal.heartbeat(`uploading slide ${k + 1} of ${paths.length} to Facebook`);
    ids.push(await uploadUnpublished(cfg, conn, paths[k]!, now(), signal));
    await journal.before("media_uploaded", { fbPhotos: ids.join(",") });
  }
  signal?.throwIfAborted();
  await journal.before("create_sent");
  const params: Record<string, string> = { message: input.text };
  ids.forEach((id, i) => (params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id })));
  const post = await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ id: string }>(`/${conn.accountId}/feed`, {
    method: "POST",
    params,
    during: "creating the multi-photo post",
  });
  return { remoteId: post.id, permalink: `https://www.facebook.com/${post.id}`, text: input.text };
}

/** The Page's recent feed posts (GET /{page-id}/feed), for finding a multi-photo post whose create answer was lost. */
export async function pageFeedPosts(cfg: Config["platform_meta"], conn: Connection, now: () => Date): Promise<RemotePost[]> {
  const res = await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ data?: { id: string; message?: string; permalink_url?: string; created_time?: string }[] }>(`/${conn.accountId}/feed`, {
    params: { fields: "id,message,permalink_url,created_time", limit: "50" },
    during: "listing the Page's posts",
  });
  return (res.data ?? []).map((p) => ({
    remoteId: p.id,
    permalink: p.permalink_url ?? `https://www.facebook.com/${p.id}`,
    text: p.message ?? "",
    createdAt: p.created_time ? new Date(p.created_time.replace(/\+0000$/, "Z")) : undefined,
  }));
}
