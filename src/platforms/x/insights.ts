import type { Config } from "../../config/schema";
import { type Connection, PlatformError, type PostComment, type PostMetrics } from "../types";
import { xUserClient } from "./client";
import { xError } from "./errors";

/** A post's public_metrics through twitter-api-v2 (GET /2/tweets/:id). */
export async function xMetrics(cfg: Config["platform_x"], conn: Connection, remoteId: string, now: Date): Promise<PostMetrics> {
  try {
    const res = await xUserClient(cfg, conn.accessToken).singleTweet(remoteId, { "tweet.fields": ["public_metrics"] });
    // X answers 200 with only `errors` (resource-not-found) for a deleted post.
    if (!res.data) throw new PlatformError("rejected", `X says post ${remoteId} does not exist (deleted?)`, undefined, 200);
    const m = res.data.public_metrics;
    return {
      views: m?.impression_count,
      impressions: m?.impression_count,
      likes: m?.like_count,
      comments: m?.reply_count,
      shares: m ? m.retweet_count + m.quote_count : undefined,
      fetchedAt: now,
    };
  } catch (e) {
    throw xError(e, "reading the post's metrics");
  }
}

/**
 * Replies to a post: recent search for its conversation (GET /2/tweets/search/recent with
 * conversation_id:<id>), with each author's handle from the users expansion. Recent search covers the last 7 days.
 */
export async function xComments(cfg: Config["platform_x"], conn: Connection, remoteId: string, since?: Date): Promise<PostComment[]> {
  try {
    const page = await xUserClient(cfg, conn.accessToken).search(`conversation_id:${remoteId}`, {
      "tweet.fields": ["author_id", "created_at", "conversation_id"],
      expansions: ["author_id"],
      "user.fields": ["username"],
      max_results: 100,
      ...(since ? { start_time: since.toISOString() } : {}),
    });
    const users = new Map((page.includes.users ?? []).map((u) => [u.id, u.username]));
    return page.tweets
      .filter((t) => t.id !== remoteId)
      .map((t) => ({
        id: t.id,
        author: users.get(t.author_id ?? "") ?? t.author_id ?? "unknown",
        text: t.text,
        createdAt: new Date(t.created_at ?? 0),
      }));
  } catch (e) {
    throw xError(e, "reading the post's replies");
  }
}
