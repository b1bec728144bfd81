import { randomBytes } from "node:crypto";
import { gError } from "./youtube-thumbnails";

/** A comment the fake keeps: top-level (no parentId) or a reply, with its moderation status. */
export interface YtComment {
  id: string;
  videoId: string;
  parentId?: string;
  author: string;
  authorChannelId: string;
  text: string;
  at: Date;
  updatedAt: Date;
  likeCount: number;
  moderationStatus: "published" | "heldForReview" | "rejected";
}

const RESOURCE_LIMIT = 10_000;

/**
 * The comments side of the fake Data API: commentThreads.list (part=snippet,replies, order=time, pageToken
 * paging, five replies carried per thread as documented), comments.list?parentId=, comments.insert (a reply,
 * snippet.parentId + textOriginal) and comments.setModerationStatus, with their documented errors.
 */
export class YouTubeComments {
  readonly list: YtComment[] = [];
  /** Bodies of comments.insert calls, in order (what reached the platform). */
  readonly inserted: { parentId: string; text: string }[] = [];

  constructor(
    private readonly ownChannelId: string,
    private readonly hasVideo: (id: string) => boolean,
  ) {}

  /** Adds a comment (or a reply with `parentId`) by someone else. */
  add(videoId: string, author: string, text: string, at = new Date(), parentId?: string): string {
    const id = parentId ? `${parentId}.${randomBytes(6).toString("hex")}` : `Ug${randomBytes(8).toString("hex")}`;
    this.list.push({
      id,
      videoId,
      parentId,
      author,
      authorChannelId: `UC_${author}`,
      text,
      at,
      updatedAt: at,
      likeCount: 0,
      moderationStatus: "published",
    });
    return id;
  }

  /** Changes a comment's text as its author would (updatedAt moves). */
  edit(id: string, text: string): void {
    const c = this.list.find((x) => x.id === id)!;
    c.text = text;
    c.updatedAt = new Date(c.at.getTime() + 60_000);
  }

  /** Deletes a comment (and its replies) as its author would. */
  remove(id: string): void {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.id === id || this.list[i]!.parentId === id) this.list.splice(i, 1);
  }

  private resource(c: YtComment) {
    return {
      kind: "youtube#comment",
      id: c.id,
      snippet: {
        authorDisplayName: c.author,
        authorProfileImageUrl: `https://yt3.ggpht.com/${c.authorChannelId}.jpg`,
        authorChannelId: { value: c.authorChannelId },
        channelId: this.ownChannelId,
        textDisplay: c.text,
        textOriginal: c.text,
        ...(c.parentId ? { parentId: c.parentId } : {}),
        canRate: true,
        viewerRating: "none",
        likeCount: c.likeCount,
        moderationStatus: c.moderationStatus,
        publishedAt: c.at.toISOString(),
        updatedAt: c.updatedAt.toISOString(),
      },
    };
  }

  private visible(c: YtComment): boolean {
    return c.moderationStatus === "published";
  }

  private page<T>(items: T[], url: URL, max: number): { slice: T[]; next?: string } {
    const start = Number(url.searchParams.get("pageToken")?.replace(/^p/, "") ?? 0) || 0;
    const slice = items.slice(start, start + max);
    return { slice, next: start + max < items.length ? `p${start + max}` : undefined };
  }

  /** GET /youtube/v3/commentThreads?videoId=: newest first, up to maxResults (1..100) threads a page. */
  threads(url: URL, disabled: boolean): Response {
    const videoId = url.searchParams.get("videoId") ?? "";
    if (!this.hasVideo(videoId))
      return gError(404, "The video identified by the videoId parameter could not be found.", "videoNotFound", "NOT_FOUND");
    if (disabled)
      return gError(403, "The video identified by the videoId parameter has disabled comments.", "commentsDisabled", "PERMISSION_DENIED");
    const max = Math.min(100, Number(url.searchParams.get("maxResults") ?? 20));
    const parts = (url.searchParams.get("part") ?? "").split(",");
    const tops = this.list
      .filter((c) => c.videoId === videoId && !c.parentId && this.visible(c))
      .sort((a, b) => b.at.getTime() - a.at.getTime());
    const { slice, next } = this.page(tops, url, max);
    const items = slice.map((c) => {
      const replies = this.list.filter((r) => r.parentId === c.id && this.visible(r)).sort((a, b) => a.at.getTime() - b.at.getTime());
      return {
        kind: "youtube#commentThread",
        id: c.id,
        snippet: {
          channelId: this.ownChannelId,
          videoId,
          topLevelComment: this.resource(c),
          totalReplyCount: replies.length,
          canReply: true,
          isPublic: true,
        },
        ...(parts.includes("replies") && replies.length ? { replies: { comments: replies.slice(0, 5).map((r) => this.resource(r)) } } : {}),
      };
    });
    return Response.json({
      kind: "youtube#commentThreadListResponse",
      ...(next ? { nextPageToken: next } : {}),
      pageInfo: { totalResults: tops.length, resultsPerPage: max },
      items,
    });
  }

  /** GET /youtube/v3/comments?parentId=: a thread's replies, page by page. */
  replies(url: URL): Response {
    const parentId = url.searchParams.get("parentId") ?? "";
    if (!this.list.some((c) => c.id === parentId))
      return gError(404, "The comment identified by the parentId parameter could not be found.", "commentNotFound", "NOT_FOUND");
    const all = this.list.filter((r) => r.parentId === parentId && this.visible(r)).sort((a, b) => a.at.getTime() - b.at.getTime());
    const { slice, next } = this.page(all, url, Math.min(100, Number(url.searchParams.get("maxResults") ?? 20)));
    return Response.json({
      kind: "youtube#commentListResponse",
      ...(next ? { nextPageToken: next } : {}),
      items: slice.map((c) => this.resource(c)),
    });
  }

  /** POST /youtube/v3/comments?part=snippet: a reply to a top-level comment. */
  async insert(req: Request): Promise<Response> {
    const body = (await req.json().catch(() => ({}))) as { snippet?: { parentId?: string; textOriginal?: string } };
    const parentId = body.snippet?.parentId;
    const text = body.snippet?.textOriginal ?? "";
    if (!parentId) return gError(400, "The comment must be linked to a parent comment.", "parentIdMissing", "INVALID_ARGUMENT");
    if (!text.trim())
      return gError(400, "The comment resource must specify a value for snippet.textOriginal.", "commentTextRequired", "INVALID_ARGUMENT");
    if (text.length > RESOURCE_LIMIT)
      return gError(400, "The snippet.textOriginal property contains too many characters.", "commentTextTooLong", "INVALID_ARGUMENT");
    const parent = this.list.find((c) => c.id === parentId);
    if (!parent) return gError(404, "The parent comment could not be found.", "commentNotFound", "NOT_FOUND");
    if (parent.parentId) return gError(400, "The API user cannot reply to this comment.", "operationNotSupported", "INVALID_ARGUMENT");
    this.inserted.push({ parentId, text });
    const id = `${parentId}.${randomBytes(6).toString("hex")}`;
    const now = new Date();
    const c: YtComment = {
      id,
      videoId: parent.videoId,
      parentId,
      author: "Amarktai Demo Channel",
      authorChannelId: this.ownChannelId,
      text,
      at: now,
      updatedAt: now,
      likeCount: 0,
      moderationStatus: "published",
    };
    this.list.push(c);
    return Response.json(this.resource(c));
  }

  /** POST /youtube/v3/comments/setModerationStatus?id=...&moderationStatus=...: 204 No Content. */
  moderate(url: URL): Response {
    const ids = url.searchParams.getAll("id").flatMap((v) => v.split(","));
    const status = url.searchParams.get("moderationStatus");
    if (status !== "published" && status !== "heldForReview" && status !== "rejected")
      return gError(400, "The moderationStatus parameter has an invalid value.", "invalidModerationStatus", "INVALID_ARGUMENT");
    const found = ids.map((id) => this.list.find((c) => c.id === id));
    if (found.some((c) => !c)) return gError(404, "One or more comments could not be found.", "commentNotFound", "NOT_FOUND");
    for (const c of found) c!.moderationStatus = status;
    return new Response(null, { status: 204 });
  }
}
