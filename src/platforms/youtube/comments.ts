import type { youtube_v3 } from "googleapis";
import type { Config } from "../../config/schema";
import type { Connection, PostComment, ReplyTarget } from "../types";
import { youtubeClient, youtubeError } from "./client";

/** The most pages read per video in one sync (100 threads a page); the rest wait for the next read. */
const MAX_PAGES = 100;

function toComment(c: youtube_v3.Schema$Comment | undefined, fallbackId: string, parentId?: string): PostComment {
  const s = c?.snippet;
  return {
    id: c?.id ?? fallbackId,
    author: s?.authorDisplayName ?? "unknown",
    authorId: s?.authorChannelId?.value ?? undefined,
    avatarUrl: s?.authorProfileImageUrl ?? undefined,
    text: s?.textOriginal ?? s?.textDisplay ?? "",
    createdAt: new Date(s?.publishedAt ?? 0),
    likeCount: typeof s?.likeCount === "number" ? s.likeCount : undefined,
    edited: Boolean(s?.updatedAt && s.publishedAt && s.updatedAt !== s.publishedAt),
    parentId: parentId ?? s?.parentId ?? undefined,
  };
}

/**
 * Comments and replies through googleapis, newest first: commentThreads.list part=snippet,replies (order=time)
 * page by page through nextPageToken; a thread with more replies than it carries reads comments.list?parentId=
 * page by page. None when comments are turned off (documented as 403 commentsDisabled).
 */
export async function youtubeComments(
  cfg: Config["platform_youtube"],
  conn: Connection,
  videoId: string,
  now: Date,
  since?: Date,
): Promise<PostComment[]> {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  const out: PostComment[] = [];
  try {
    let pageToken: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const res = await yt.commentThreads.list({
        part: ["snippet", "replies"],
        videoId,
        order: "time",
        textFormat: "plainText",
        maxResults: 100,
        pageToken,
      });
      for (const t of res.data.items ?? []) {
        const top = toComment(t.snippet?.topLevelComment, t.id ?? "");
        out.push(top);
        const carried = t.replies?.comments ?? [];
        const replies = (t.snippet?.totalReplyCount ?? 0) > carried.length ? await allReplies(yt, top.id) : carried;
        for (const r of replies) out.push(toComment(r, "", top.id));
      }
      pageToken = res.data.nextPageToken ?? undefined;
      const oldest = out.at(-1)?.createdAt;
      if (!pageToken || (since && oldest && oldest <= since)) break;
    }
  } catch (e) {
    const reason = (e as { response?: { data?: { error?: { errors?: { reason?: string }[] } } } }).response?.data?.error?.errors?.[0]
      ?.reason;
    if (reason === "commentsDisabled") return [];
    throw youtubeError(e, "reading the video's comments", now);
  }
  return out.filter((c) => !since || c.createdAt > since).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

async function allReplies(yt: youtube_v3.Youtube, parentId: string): Promise<youtube_v3.Schema$Comment[]> {
  const out: youtube_v3.Schema$Comment[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const res = await yt.comments.list({ part: ["snippet"], parentId, maxResults: 100, textFormat: "plainText", pageToken });
    out.push(...(res.data.items ?? []));
    pageToken = res.data.nextPageToken ?? undefined;
    if (!pageToken) break;
  }
  return out;
}

/** Replies under a top-level comment: comments.insert part=snippet with snippet.parentId (50 quota units). */
export async function youtubeReply(cfg: Config["platform_youtube"], conn: Connection, target: ReplyTarget, text: string, now: Date) {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  try {
    const res = await yt.comments.insert({
      part: ["snippet"],
      requestBody: { snippet: { parentId: target.commentId, textOriginal: text } },
    });
    return { id: res.data.id ?? "" };
  } catch (e) {
    throw youtubeError(e, "replying to the comment", now);
  }
}

/** Hides a comment from the public: comments.setModerationStatus moderationStatus=rejected (the channel owner's right). */
export async function youtubeHide(cfg: Config["platform_youtube"], conn: Connection, target: ReplyTarget, now: Date): Promise<void> {
  const { yt } = youtubeClient(cfg, conn.accessToken);
  try {
    await yt.comments.setModerationStatus({ id: [target.commentId], moderationStatus: "rejected" });
  } catch (e) {
    throw youtubeError(e, "hiding the comment", now);
  }
}
