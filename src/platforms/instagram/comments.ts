import type { Config } from "../../config/schema";
import { type GraphPage, graphDate, newestSince, readAllPages } from "../meta/comment-pages";
import { graphCall } from "../meta/graph";
import type { Connection, PostComment, ReplyTarget } from "../types";

interface IgComment {
  id: string;
  text?: string;
  timestamp?: string;
  username?: string;
  like_count?: number;
  from?: { id?: string; username?: string };
  replies?: GraphPage<IgComment>;
}

const FIELDS = "id,text,timestamp,username,like_count,from";

function toComment(c: IgComment, parentId?: string): PostComment {
  return {
    id: c.id,
    author: c.username ?? c.from?.username ?? "unknown",
    authorId: c.from?.id,
    text: c.text ?? "",
    createdAt: c.timestamp ? graphDate(c.timestamp) : new Date(0),
    likeCount: c.like_count,
    parentId,
  };
}

/**
 * A media's comments and their replies, newest first: GET /{media-id}/comments (top-level comments, with the
 * `replies` edge nested), paged through the `after` cursor; a comment with more replies than the nested page
 * reads GET /{ig-comment-id}/replies page by page.
 */
export async function instagramComments(
  cfg: Config["platform_meta"],
  conn: Connection,
  mediaId: string,
  now: () => Date,
  since?: Date,
): Promise<PostComment[]> {
  const call = graphCall(cfg, conn.accessToken, now);
  const top = await readAllPages<IgComment>((after) =>
    call<GraphPage<IgComment>>(`/${mediaId}/comments`, {
      params: { fields: `${FIELDS},replies{${FIELDS}}`, limit: "50", ...(after ? { after } : {}) },
      during: "reading the post's comments",
    }),
  );
  const out: PostComment[] = [];
  for (const c of top) {
    out.push(toComment(c));
    let replies = c.replies?.data ?? [];
    if (c.replies?.paging?.next)
      replies = await readAllPages<IgComment>((after) =>
        call<GraphPage<IgComment>>(`/${c.id}/replies`, {
          params: { fields: FIELDS, limit: "50", ...(after ? { after } : {}) },
          during: "reading a comment's replies",
        }),
      );
    for (const r of replies) out.push(toComment(r, c.id));
  }
  return newestSince(out, since);
}

/** Replies under a top-level comment: POST /{ig-comment-id}/replies?message= (a reply to a reply lands under its top-level comment). */
export async function instagramReply(cfg: Config["platform_meta"], conn: Connection, target: ReplyTarget, text: string, now: () => Date) {
  const res = await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ id: string }>(`/${target.commentId}/replies`, {
    method: "POST",
    params: { message: text },
    during: "replying to the comment",
  });
  return { id: res.id };
}

/** Hides a comment: POST /{ig-comment-id}?hide=true. */
export async function instagramHide(cfg: Config["platform_meta"], conn: Connection, target: ReplyTarget, now: () => Date): Promise<void> {
  await graphCall(
    cfg,
    conn.accessToken,
    now,
  )<{ success?: boolean }>(`/${target.commentId}`, {
    method: "POST",
    params: { hide: "true" },
    during: "hiding the comment",
  });
}
