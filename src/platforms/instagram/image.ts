import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type Connection, type MediaUrl, PlatformError, type PublishJournal } from "../types";
import type { Sleep } from "../wait";

/** Why an Instagram image cannot be posted from this box (Instagram only pulls images by URL). */
export const NEEDS_PUBLIC_HTTPS =
  "Instagram fetches images from a public HTTPS address and this box has none: set server.public_base_url to an https:// address Instagram can reach, or export the item and post it by hand.";

/**
 * An image container: POST /{ig-user-id}/media with image_url (a signed, expiring link to our file) and the
 * caption, then GET /{container-id}?fields=status_code until FINISHED. Returns the container id for media_publish.
 */
export async function instagramImageContainer(
  cfg: Config["platform_meta"],
  conn: Connection,
  a: {
    imageUrl: string;
    caption: string;
    journal: PublishJournal;
    sleep: Sleep;
    now: () => Date;
    signal?: AbortSignal;
    timeoutMs?: number;
    pollMs?: number;
  },
): Promise<string> {
  const call = graphCall(cfg, conn.accessToken, a.now);
  const c = await call<{ id: string }>(`/${conn.accountId}/media`, {
    method: "POST",
    params: { image_url: a.imageUrl, caption: a.caption },
    during: "creating the image container",
  });
  const deadline = Date.now() + (a.timeoutMs ?? 10 * 60_000);
  for (let i = 0; ; i++) {
    const st = await call<{ status_code?: string; status?: string }>(`/${c.id}`, {
      params: { fields: "status_code,status" },
      during: "checking the image container",
    });
    if (st.status_code === "FINISHED") return c.id;
    if (st.status_code === "ERROR")
      throw new PlatformError("rejected", `Instagram could not use the image (${st.status ?? "no reason given"})`);
    if (st.status_code === "EXPIRED")
      throw new PlatformError("transient", "the Instagram container expired before publishing; it will be made again");
    if (Date.now() > deadline) throw new PlatformError("transient", "Instagram is still fetching the image after the time limit");
    a.journal.heartbeat(`Instagram is fetching the image (${st.status_code})`);
    await a.sleep(Math.min(10_000, (a.pollMs ?? 2_000) * 2 ** Math.min(i, 2)), a.signal);
  }
}
