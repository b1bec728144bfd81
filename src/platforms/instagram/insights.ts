import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type Connection, PlatformError, type PostMetrics } from "../types";

// Lifetime metrics every media product type supports, and those documented for one type only (asking a metric the
// type lacks is refused with #100): reels' watch times (milliseconds), feed posts' profile visits.
const COMMON = "views,reach,likes,comments,shares,saved";
const BY_TYPE: Record<string, string> = {
  REELS: `${COMMON},ig_reels_avg_watch_time,ig_reels_video_view_total_time`,
  FEED: `${COMMON},profile_visits`,
};
const NEEDS = "instagram_manage_insights";
// A media's product type never changes: asked once per media id while the process runs (bounded).
const productTypes = new Map<string, string>();

/**
 * A media's lifetime insights: GET /{media-id}?fields=media_product_type (once per media), then
 * GET /{media-id}/insights?metric=... with the metrics its type documents.
 */
export async function instagramMetrics(
  cfg: Config["platform_meta"],
  conn: Connection,
  mediaId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const call = graphCall(cfg, conn.accessToken, now);
  const ask = async (type: string) =>
    call<{ data?: { name: string; values?: { value?: number }[]; total_value?: { value?: number } }[] }>(`/${mediaId}/insights`, {
      params: { metric: BY_TYPE[type] ?? COMMON },
      during: "reading the post's insights",
      needs: NEEDS,
    });
  const cached = productTypes.has(mediaId);
  let res;
  try {
    res = await ask(await productType(call, mediaId));
  } catch (e) {
    // A remembered type the platform no longer agrees with (#100 for a metric of another type): ask the type again, once.
    if (!cached || !(e instanceof PlatformError) || !/media product type/i.test(e.message)) throw e;
    productTypes.delete(mediaId);
    res = await ask(await productType(call, mediaId));
  }
  const v = new Map((res.data ?? []).map((m) => [m.name, m.values?.[0]?.value ?? m.total_value?.value]));
  return {
    views: v.get("views"),
    reach: v.get("reach"),
    likes: v.get("likes"),
    comments: v.get("comments"),
    shares: v.get("shares"),
    saves: v.get("saved"),
    avgViewSeconds: seconds(v.get("ig_reels_avg_watch_time")),
    watchTimeSeconds: seconds(v.get("ig_reels_video_view_total_time")),
    profileVisits: v.get("profile_visits"),
    fetchedAt: now(),
  };
}

// Milliseconds as documented; anything else is passed on for the collector to refuse.
const seconds = (ms: unknown) => (typeof ms === "number" ? ms / 1000 : (ms as number | undefined));

async function productType(call: ReturnType<typeof graphCall>, mediaId: string): Promise<string> {
  const known = productTypes.get(mediaId);
  if (known) return known;
  const res = await call<{ media_product_type?: string }>(`/${mediaId}`, {
    params: { fields: "media_product_type" },
    during: "reading the post's type",
    needs: "instagram_basic",
  });
  const type = res.media_product_type ?? "";
  if (productTypes.size >= 50_000) productTypes.clear();
  productTypes.set(mediaId, type);
  return type;
}

/** The professional account's follower count: GET /{ig-user-id}?fields=followers_count. */
export async function instagramFollowers(cfg: Config["platform_meta"], conn: Connection, now: () => Date): Promise<number> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ followers_count?: number }>(`/${conn.accountId}`, {
    params: { fields: "followers_count" },
    during: "reading the follower count",
    needs: "instagram_basic",
  });
  return res.followers_count as number;
}
