import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type Connection, type MediaUrl, PlatformError, type PublishJournal } from "../types";
import type { Sleep } from "../wait";

/** Why an Instagram image cannot be posted from this box (Instagram only pulls images by URL). */
export const NEEDS_PUBLIC_HTTPS =
  "Instagram fetches images from a public HTTPS address and this box has none: set server.public_base_url to an https:// address Instagram can reach, or export the item and post it by hand.";

/** What a container wait needs: the journal's heartbeat, a sleep, the clock, and optional limits. */
export interface ContainerWait {
  journal: PublishJournal;
  sleep: Sleep;
  now: () => Date;
  signal?: AbortSignal;
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * An image container: POST /{ig-user-id}/media with image_url (a signed, expiring link to our file) and the
 * caption, then GET /{container-id}?fields=status_code until FINISHED. Returns the container id for media_publish.
 * A carousel item (`carouselItem`) is made with is_carousel_item=true and no caption (the carousel carries it).
 */
export async function instagramImageContainer(
  cfg: Config["platform_meta"],
  conn: Connection,
  a: ContainerWait & { imageUrl: string; caption: string; carouselItem?: boolean },
): Promise<string> {
  const call = graphCall(cfg, conn.accessToken, a.now);
  const c = await call<{ id: string }>(`/${conn.accountId}/media`, {
    method: "POST",
    params: a.carouselItem ? { image_url: a.imageUrl, is_carousel_item: "true" } : { image_url: a.imageUrl, caption: a.caption },
    during: a.carouselItem ? "creating a carousel item" : "creating the image container",
  });
  return waitForContainer(cfg, conn, c.id, a);
}

/** Polls GET /{container-id}?fields=status_code until FINISHED (ERROR is refused, EXPIRED made again later); returns the id. */
export async function waitForContainer(cfg: Config["platform_meta"], conn: Connection, id: string, a: ContainerWait): Promise<string> {
  const call = graphCall(cfg, conn.accessToken, a.now);
  const deadline = Date.now() + (a.timeoutMs ?? 10 * 60_000);
  for (let i = 0; ; i++) {
    const st = await call<{ status_code?: string; status?: string }>(`/${id}`, {
      params: { fields: "status_code,status" },
      during: "checking the image container",
    });
    if (st.status_code === "FINISHED") return id;
    if (st.status_code === "ERROR")
      throw new PlatformError("rejected", `Instagram could not use the image (${st.status ?? "no reason given"})`);
    if (st.status_code === "EXPIRED")
      throw new PlatformError("transient", "the Instagram container expired before publishing; it will be made again");
    if (Date.now() > deadline) throw new PlatformError("transient", "Instagram is still fetching the image after the time limit");
    a.journal.heartbeat(`Instagram is fetching the image (${st.status_code})`);
    await a.sleep(Math.min(10_000, (a.pollMs ?? 2_000) * 2 ** Math.min(i, 2)), a.signal);
  }
}
