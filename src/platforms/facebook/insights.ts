import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import type { Connection, PostComment, PostMetrics } from "../types";

const graphDate = (t: string) => new Date(t.replace(/\+0000$/, "Z"));

interface Summary {
  summary?: { total_count?: number };
}

/** A Page video's (Reel's) counters with the Page token: GET /{video-id}?fields=views,likes.summary(true),comments.summary(true). */
export async function facebookMetrics(
  cfg: Config["platform_meta"],
  conn: Connection,
  videoId: string,
  now: () => Date,
): Promise<PostMetrics> {
  const call = graphCall(cfg, conn.accessToken, now);
  const v = await call<{ views?: number; likes?: Summary; comments?: Summary }>(`/${videoId}`, {
    params: { fields: "views,likes.summary(true).limit(0),comments.summary(true).limit(0)" },
    during: "reading the Reel's counters",
    needs: "pages_read_engagement",
  });
  return { views: v.views, likes: v.likes?.summary?.total_count, comments: v.comments?.summary?.total_count, fetchedAt: now() };
}

/** The Page's follower count with the Page token: GET /{page-id}?fields=followers_count. */
export async function facebookFollowers(cfg: Config["platform_meta"], conn: Connection, now: () => Date): Promise<number> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ followers_count?: number }>(`/${conn.accountId}`, {
    params: { fields: "followers_count" },
    during: "reading the Page's follower count",
    needs: "pages_read_engagement",
  });
  return res.followers_count as number;
}

/** Comments on a Page object, newest first: GET /{object-id}/comments?fields=id,message,created_time,from&order=reverse_chronological. */
export async function facebookComments(
  cfg: Config["platform_meta"],
  conn: Connection,
  objectId: string,
  now: () => Date,
  since?: Date,
): Promise<PostComment[]> {
  const call = graphCall(cfg, conn.accessToken, now);
  const res = await call<{ data?: { id: string; message?: string; created_time?: string; from?: { name?: string } }[] }>(
    `/${objectId}/comments`,
    {
      params: { fields: "id,message,created_time,from", order: "reverse_chronological", filter: "stream", limit: "50" },
      during: "reading the Reel's comments",
    },
  );
  return (
    (res.data ?? [])
      // Meta leaves out `from` for people who have not allowed apps to see them.
      .map((c) => ({
        id: c.id,
        author: c.from?.name ?? "a Facebook user",
        text: c.message ?? "",
        createdAt: c.created_time ? graphDate(c.created_time) : new Date(0),
      }))
      .filter((c) => !since || c.createdAt > since)
  );
}
