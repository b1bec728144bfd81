import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostMetrics } from "../types";
import { xUserClient } from "./client";
import { xReadError } from "./errors";

/** How many ids one posts lookup (GET /2/tweets?ids=) takes. */
export const X_IDS_PER_CALL = 100;
const THIRTY_DAYS = 30 * 86_400_000;
// What a refused metrics read lacks: the endpoint on the app's plan, or the token's scopes.
const METRICS_NEEDS = { plan: "an X API plan that includes posts lookup", scopes: "the tweet.read and users.read scopes" };
// X post ids are snowflakes: the creation time in ms since X's epoch, shifted left 22 bits.
const createdAt = (id: string) => Number((BigInt(id) >> 22n) + 1288834974657n);

interface LookedUp {
  id: string;
  public_metrics?: Record<string, unknown>;
  non_public_metrics?: Record<string, unknown>;
}

/**
 * Counters of up to 100 posts in one lookup (GET /2/tweets?ids=, user context): public_metrics always, and
 * non_public_metrics (profile clicks) for posts younger than 30 days, the only ones X gives them for. Every
 * post returned counts against the app's monthly post cap (1,500 a month on the free plan). Deleted posts come back in
 * `errors` (resource-not-found) and are missing from the map.
 */
export async function xMetricsBatch(
  cfg: Config["platform_x"],
  conn: Connection,
  ids: string[],
  now: Date,
): Promise<Map<string, PostMetrics>> {
  if (ids.length > X_IDS_PER_CALL) throw new Error(`x: at most ${X_IDS_PER_CALL} ids per lookup`);
  const young = ids.filter((id) => now.getTime() - createdAt(id) < THIRTY_DAYS);
  const old = ids.filter((id) => !young.includes(id));
  const out = new Map<string, PostMetrics>();
  const client = xUserClient(cfg, conn.accessToken);
  for (const [group, fields] of [
    [young, ["public_metrics", "non_public_metrics"]],
    [old, ["public_metrics"]],
  ] as const) {
    if (group.length === 0) continue;
    let res;
    try {
      res = await client.tweets(group, { "tweet.fields": [...fields] });
    } catch (e) {
      throw xReadError(e, "reading post metrics", now, METRICS_NEEDS);
    }
    for (const t of (res.data ?? []) as LookedUp[]) out.set(t.id, xCounters(t, now));
  }
  return out;
}

/** One post's counters (a lookup of one id). */
export async function xMetrics(cfg: Config["platform_x"], conn: Connection, remoteId: string, now: Date): Promise<PostMetrics> {
  const m = (await xMetricsBatch(cfg, conn, [remoteId], now)).get(remoteId);
  if (!m) throw new PlatformError("not_found", `X says post ${remoteId} does not exist (deleted?)`, undefined, 200);
  return m;
}

function xCounters(t: LookedUp, now: Date): PostMetrics {
  const p = t.public_metrics;
  const n = t.non_public_metrics;
  const sum = (a: unknown, b: unknown) => (typeof a === "number" && typeof b === "number" ? a + b : (a ?? b));
  return {
    views: p?.impression_count as number | undefined,
    impressions: p?.impression_count as number | undefined,
    likes: p?.like_count as number | undefined,
    comments: p?.reply_count as number | undefined,
    shares: p ? (sum(p.retweet_count, p.quote_count) as number | undefined) : undefined,
    saves: p?.bookmark_count as number | undefined,
    profileVisits: n?.user_profile_clicks as number | undefined,
    fetchedAt: now,
  };
}

/** The account's follower count: GET /2/users/me?user.fields=public_metrics. */
export async function xFollowers(cfg: Config["platform_x"], conn: Connection, now: Date): Promise<number> {
  try {
    const me = await xUserClient(cfg, conn.accessToken).me({ "user.fields": ["public_metrics"] });
    return me.data.public_metrics?.followers_count as number;
  } catch (e) {
    throw xReadError(e, "reading post metrics", now, METRICS_NEEDS);
  }
}
