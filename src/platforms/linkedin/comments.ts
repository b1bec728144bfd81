import type { Config } from "../../config/schema";
import { type CommentPages, type Connection, PlatformError, type PostComment, type ReplyTarget } from "../types";
import { linkedinFetch } from "./client";

/** Comments asked for per page (start/count paging of socialActions/{urn}/comments). */
export const LINKEDIN_COMMENTS_PER_PAGE = 50;
/** Pages of one comment's replies read at most (LinkedIn nests one level, so a comment's replies are one list). */
const NESTED_PAGES_MAX = 20;

interface LinkedInComment {
  id: string;
  commentUrn?: string;
  actor?: string;
  message?: { text?: string };
  created?: { time?: number };
  lastModified?: { time?: number };
  parentComment?: string;
  likesSummary?: { totalLikes?: number };
  commentsSummary?: { totalFirstLevelComments?: number; aggregatedTotalComments?: number };
}

interface Page {
  elements?: LinkedInComment[];
  paging?: { start?: number; count?: number; total?: number };
}

/** A URN as one Rest.li 2.0 path segment: parentheses and commas of comment URNs are encoded too. */
const segment = (urn: string) => encodeURIComponent(urn).replace(/\(/g, "%28").replace(/\)/g, "%29");

const authorOf = (conn: Connection) => conn.extra.author || `urn:li:person:${conn.accountId}`;

/**
 * Reads a post's comments page by page: GET /rest/socialActions/{urn}/comments?start=&count= for the first level,
 * then /rest/socialActions/{commentUrn}/comments for each comment that has replies. At most `maxPages` first-level
 * pages; when more remain, `cursor` is the `start` to go on from. Comment ids are the comment URNs (what replies and
 * reactions name); our own account's comments carry the connection's account id as author id.
 */
export async function linkedinCommentPages(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  urn: string,
  now: () => Date,
  o: { cursor?: string; maxPages: number },
): Promise<CommentPages> {
  const call = linkedinFetch(cfg, conn.accessToken, now);
  const out: PostComment[] = [];
  let start = Number(o.cursor ?? 0) || 0;
  for (let pages = 0; pages < o.maxPages; pages++) {
    const page = await readPage(call, urn, start, conn);
    const elements = page.elements ?? [];
    for (const c of elements) {
      const top = toComment(c, conn);
      out.push(top);
      if ((c.commentsSummary?.totalFirstLevelComments ?? 0) > 0) out.push(...(await nestedOf(call, top.id, conn)));
    }
    start += elements.length;
    if (lastPage(page, start)) return { comments: out };
  }
  return { comments: out, cursor: String(start) };
}

/** Every comment of a post (all pages, up to 200), newest first, optionally only those after `since`. */
export async function linkedinComments(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  urn: string,
  now: () => Date,
  since?: Date,
): Promise<PostComment[]> {
  const { comments } = await linkedinCommentPages(cfg, conn, urn, now, { maxPages: 200 });
  return comments.filter((c) => !since || c.createdAt > since).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

async function nestedOf(call: ReturnType<typeof linkedinFetch>, parentUrn: string, conn: Connection): Promise<PostComment[]> {
  const out: PostComment[] = [];
  let start = 0;
  for (let pages = 0; pages < NESTED_PAGES_MAX; pages++) {
    const page = await readPage(call, parentUrn, start, conn);
    const elements = page.elements ?? [];
    out.push(...elements.map((c) => ({ ...toComment(c, conn), parentId: c.parentComment ?? parentUrn })));
    start += elements.length;
    if (lastPage(page, start)) break;
  }
  return out;
}

/** The end of a list: an empty page, `start` past the total LinkedIn gave, or (without a total) a short page. */
function lastPage(page: Page, start: number): boolean {
  const n = page.elements?.length ?? 0;
  const total = page.paging?.total;
  return n === 0 || (total !== undefined ? start >= total : n < LINKEDIN_COMMENTS_PER_PAGE);
}

async function readPage(call: ReturnType<typeof linkedinFetch>, target: string, start: number, conn: Connection): Promise<Page> {
  try {
    const res = await call(`/rest/socialActions/${segment(target)}/comments?start=${start}&count=${LINKEDIN_COMMENTS_PER_PAGE}`, {
      during: "reading the post's comments",
    });
    return (await res.json()) as Page;
  } catch (e) {
    throw readError(e, target, conn);
  }
}

function toComment(c: LinkedInComment, conn: Connection): PostComment {
  const actor = c.actor ?? "unknown";
  const created = c.created?.time ?? 0;
  return {
    id: c.commentUrn ?? c.id,
    author: actor,
    authorId: actor === authorOf(conn) ? conn.accountId : actor,
    text: c.message?.text ?? "",
    createdAt: new Date(created),
    likeCount: c.likesSummary?.totalLikes,
    edited: (c.lastModified?.time ?? created) > created,
  };
}

/** 404: the post (or comment) is gone; 403: the permission to read comments is missing (a permanent refusal naming it). */
function readError(e: unknown, target: string, conn: Connection): unknown {
  if (!(e instanceof PlatformError)) return e;
  if (e.status === 404) return new PlatformError("not_found", `LinkedIn says ${target} does not exist: ${e.message}`, undefined, 404);
  if (e.status === 403)
    return new PlatformError(
      "forbidden",
      `LinkedIn refused to list comments: ${e.message}`,
      undefined,
      403,
      authorOf(conn).includes("organization") ? "r_organization_social" : "r_member_social",
    );
  return e;
}

/** The activity a comment URN belongs to: urn:li:comment:(urn:li:activity:1,2) -> urn:li:activity:1. */
function activityOf(commentUrn: string): string | undefined {
  return commentUrn.match(/^urn:li:comment:\((urn:li:[a-zA-Z]+:[^,]+),/)?.[1];
}

/**
 * Replies under a comment as the connected member or Page: POST /rest/socialActions/{commentUrn}/comments with
 * {actor, object: the activity, message, parentComment} (a nested comment). The new comment's URN is the reply's id.
 */
export async function linkedinReply(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  target: ReplyTarget,
  text: string,
  now: () => Date,
): Promise<{ id: string }> {
  const res = await linkedinFetch(
    cfg,
    conn.accessToken,
    now,
  )(`/rest/socialActions/${segment(target.commentId)}/comments`, {
    method: "POST",
    during: "replying to the comment",
    body: {
      actor: authorOf(conn),
      object: activityOf(target.commentId) ?? target.postId,
      message: { text },
      parentComment: target.commentId,
    },
  }).catch((e) => {
    throw e instanceof PlatformError && e.status === 404
      ? new PlatformError("not_found", `LinkedIn says the comment is gone: ${e.message}`, undefined, 404)
      : e;
  });
  const body = (await res.json().catch(() => ({}))) as { commentUrn?: string; id?: string };
  const id = body.commentUrn ?? body.id ?? res.headers.get("x-restli-id");
  if (!id) throw new PlatformError("transient", "LinkedIn accepted the reply but named no comment id");
  return { id };
}

/** Likes a comment as the connected member or Page: POST /rest/reactions?actor={author} with {root: commentUrn, reactionType: LIKE}. */
export async function linkedinLikeComment(
  cfg: Config["platform_linkedin"],
  conn: Connection,
  target: ReplyTarget,
  now: () => Date,
): Promise<void> {
  await linkedinFetch(
    cfg,
    conn.accessToken,
    now,
  )(`/rest/reactions?actor=${encodeURIComponent(authorOf(conn))}`, {
    method: "POST",
    during: "liking the comment",
    body: { root: target.commentId, reactionType: "LIKE" },
  });
}
