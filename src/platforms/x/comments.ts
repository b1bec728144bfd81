import type { Config } from "../../config/schema";
import type { CommentPages, Connection, PostComment, ReplyTarget } from "../types";
import { xUserClient } from "./client";
import { xError, xReadError } from "./errors";

/** Posts asked for per recent-search page (X allows 10 to 100). */
export const X_REPLIES_PER_PAGE = 100;

/**
 * Replies to a post, page by page: recent search for its conversation (GET /2/tweets/search/recent with
 * conversation_id:<id>, max_results 100, next_token), each author's handle from the users expansion. Recent search
 * covers the last 7 days only. At most `maxPages` pages; when more remain, `cursor` is X's next_token.
 */
export async function xCommentPages(
  cfg: Config["platform_x"],
  conn: Connection,
  remoteId: string,
  o: { cursor?: string; maxPages: number; since?: Date },
  now: () => Date = () => new Date(),
): Promise<CommentPages> {
  const client = xUserClient(cfg, conn.accessToken);
  const out: PostComment[] = [];
  let token = o.cursor;
  for (let pages = 0; pages < o.maxPages; pages++) {
    let page;
    try {
      page = await client.search(`conversation_id:${remoteId}`, {
        "tweet.fields": ["author_id", "created_at", "conversation_id", "referenced_tweets"],
        expansions: ["author_id"],
        "user.fields": ["username"],
        max_results: X_REPLIES_PER_PAGE,
        ...(o.since ? { start_time: o.since.toISOString() } : {}),
        ...(token ? { next_token: token } : {}),
      });
    } catch (e) {
      throw xReadError(e, "reading the post's replies", now(), { plan: "an X API plan that includes recent search (Basic or above)" });
    }
    const users = new Map((page.includes.users ?? []).map((u) => [u.id, u.username]));
    for (const t of page.tweets) {
      if (t.id === remoteId) continue;
      const parent = t.referenced_tweets?.find((r) => r.type === "replied_to")?.id;
      out.push({
        id: t.id,
        author: users.get(t.author_id ?? "") ?? t.author_id ?? "unknown",
        authorId: t.author_id,
        text: t.text,
        createdAt: new Date(t.created_at ?? 0),
        // A reply to a reply names it; a reply to the post itself is top-level in the inbox.
        parentId: parent && parent !== remoteId ? parent : undefined,
      });
    }
    token = page.meta.next_token;
    if (!token) return { comments: out };
  }
  return { comments: out, cursor: token };
}

/** Every reply to a post in the last 7 days (up to 200 pages), optionally only those after `since`. */
export async function xComments(cfg: Config["platform_x"], conn: Connection, remoteId: string, since?: Date): Promise<PostComment[]> {
  return (await xCommentPages(cfg, conn, remoteId, { maxPages: 200, since })).comments;
}

/** Replies to a post's reply as the account: POST /2/tweets with reply.in_reply_to_tweet_id. */
export async function xReply(cfg: Config["platform_x"], conn: Connection, target: ReplyTarget, text: string): Promise<{ id: string }> {
  try {
    const res = await xUserClient(cfg, conn.accessToken).tweet({ text, reply: { in_reply_to_tweet_id: target.commentId } });
    return { id: res.data.id };
  } catch (e) {
    throw xError(e, "replying to the post's reply");
  }
}
