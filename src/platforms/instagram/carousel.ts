import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type Connection, type MediaUrl, PlatformError, type PublishInput } from "../types";
import { type ContainerWait, instagramImageContainer, NEEDS_PUBLIC_HTTPS, waitForContainer } from "./image";

/**
 * A carousel container, as the Content Publishing guide documents it: one item container per slide
 * (POST /{ig-user-id}/media with image_url and is_carousel_item=true, polled until FINISHED), then the CAROUSEL
 * container (media_type=CAROUSEL, children=<ids in order>, caption), polled until FINISHED. Each finished item's id
 * is journalled (`carouselChildren`) before the next call, so a rerun after a crash reuses the items already made
 * (while Instagram still reports them FINISHED) instead of making them again. Returns the container for media_publish.
 */
export async function instagramCarouselContainer(
  cfg: Config["platform_meta"],
  conn: Connection,
  input: PublishInput,
  mediaUrl: MediaUrl | undefined,
  a: ContainerWait,
): Promise<string> {
  const urls = (input.imagePaths ?? []).map((p) => mediaUrl?.(p));
  if (urls.some((u) => !u)) throw new PlatformError("rejected", NEEDS_PUBLIC_HTTPS);
  const call = graphCall(cfg, conn.accessToken, a.now);
  let children = (a.journal.data.carouselChildren ?? "").split(",").filter(Boolean);
  for (const id of children) {
    const st = await call<{ status_code?: string }>(`/${id}`, {
      params: { fields: "status_code" },
      during: "checking a carousel item",
    }).catch(() => undefined);
    // An item that expired (24 h) or failed cannot join the carousel: all items are made again, in order.
    if (st?.status_code !== "FINISHED") children = [];
  }
  for (let k = children.length; k < urls.length; k++) {
    a.signal?.throwIfAborted();
    a.journal.heartbeat(`Instagram is fetching slide ${k + 1} of ${urls.length}`);
    children.push(await instagramImageContainer(cfg, conn, { ...a, imageUrl: urls[k]!, caption: "", carouselItem: true }));
    await a.journal.before("media_uploaded", { carouselChildren: children.join(",") });
  }
  const c = await call<{ id: string }>(`/${conn.accountId}/media`, {
    method: "POST",
    params: { media_type: "CAROUSEL", children: children.join(","), caption: input.text },
    during: "creating the carousel container",
  });
  return waitForContainer(cfg, conn, c.id, a);
}
