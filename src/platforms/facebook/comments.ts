import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { type GraphPage, graphDate, newestSince, readAllPages } from "../meta/comment-pages";
import type { Connection, PostComment, ReplyTarget } from "../types";

interface FbComment {
  id: string;
  message?: string;
  created_time?: string;
  from?: { name?: string; id?: string };
  parent?: { id?: string };
  like_count?: number;
}

/**
 * Every comment and reply on a Page object, newest first: GET /{object-id}/comments with filter=stream (replies
 * included, each naming its `parent`) and order=reverse_chronological, paged through the `after` cursor.
 */
export async function facebookComments(
  cfg: Config["platform_meta"],
  conn: Connection,
  objectId: string,
  now: () => Date,
  since?: Date,
): Promise<PostComment[]> {
  const call = graphCall(cfg, conn.accessToken, now);
  const fields = "id,message,created_time,from,parent{id},like_count";
  const list = await readAllPages<FbComment>(
    (after) =>
      call<GraphPage<FbComment>>(`/${objectId}/comments`, {
        params: { fields, order: "reverse_chronological", filter: "stream", limit: "50", ...(after ? { after } : {}) },
        during: "reading the Reel's comments",
      }),
    (page) => since !== undefined && page.every((c) => c.created_time !== undefined && graphDate(c.created_time) <= since),
  );
  return newestSince(
    list.map((c) => ({
      id: c.id,
      // Meta leaves out `from` for people who have not allowed apps to see them.
      author: c.from?.name ?? "a Facebook user",
      authorId: c.from?.id,
      text: c.message ?? "",
      createdAt: c.created_time ? graphDate(c.created_time) : new Date(0),
      parentId: c.parent?.id,
      likeCount: c.like_count,
    })),
    since,
  );
}

/** Replies under a comment as the Page: POST /{comment-id}/comments with `message`. */
export async function facebookReply(cfg: Config["platform_meta"], conn: Connection, target: ReplyTarget, text: string, now: () => Date) {
  const res = await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ id: string }>(`/${target.commentId}/comments`, {
    method: "POST",
    params: { message: text },
    during: "replying to the comment",
  });
  return { id: res.id };
}

/** Likes a comment as the Page: POST /{comment-id}/likes. */
export async function facebookLike(cfg: Config["platform_meta"], conn: Connection, target: ReplyTarget, now: () => Date): Promise<void> {
  await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ success?: boolean }>(`/${target.commentId}/likes`, {
    method: "POST",
    during: "liking the comment",
  });
}

/** Hides a comment from everyone but its author and their friends: POST /{comment-id} with is_hidden=true. */
export async function facebookHide(cfg: Config["platform_meta"], conn: Connection, target: ReplyTarget, now: () => Date): Promise<void> {
  await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ success?: boolean }>(`/${target.commentId}`, {
    method: "POST",
    params: { is_hidden: "true" },
    during: "hiding the comment",
  });
}
