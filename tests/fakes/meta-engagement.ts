/** Counters and comments the fake Graph API keeps per Instagram media or Facebook video. */
interface Engagement {
  views: number;
  likes: number;
  shares: number;
  reach: number;
  saved?: number;
  /** Reels: average and total watch time in milliseconds (ig_reels_avg_watch_time, ig_reels_video_view_total_time). */
  avgWatchMs?: number;
  totalWatchMs?: number;
  /** Feed posts: profile visits from the post (profile_visits). */
  profileVisits?: number;
  /** Facebook Reels' video_insights: plays, reach, average and total watch time (ms). */
  reel?: { plays: number; reach: number; avgWatchMs: number; totalWatchMs: number };
  comments: MetaComment[];
  /** Instagram answers (#10) for media with too few viewers for insights. */
  tooFewViewers?: boolean;
}

/** A comment or reply the fake keeps on an Instagram media or Facebook video. */
export interface MetaComment {
  id: string;
  author: string;
  authorId: string;
  text: string;
  at: Date;
  parentId?: string;
  likeCount: number;
  hidden: boolean;
  likedByPage?: boolean;
}

const IG_MEDIA_METRICS = new Set([
  "views",
  "likes",
  "comments",
  "shares",
  "saved",
  "reach",
  "total_interactions",
  "ig_reels_avg_watch_time",
  "ig_reels_video_view_total_time",
  "profile_visits",
]);
// Metrics documented for one media product type only.
const ONLY_FOR: Record<string, string> = {
  ig_reels_avg_watch_time: "REELS",
  ig_reels_video_view_total_time: "REELS",
  profile_visits: "FEED",
};
// Facebook Reels' video_insights metrics (lifetime).
const FB_REEL_METRICS = new Set([
  "blue_reels_play_count",
  "fb_reels_total_plays",
  "post_impressions_unique",
  "post_video_avg_time_watched",
  "post_video_view_time",
]);

const graphTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "+0000");

/**
 * The read side of the fake Graph API used for metrics and comments: Instagram's /{media-id}/insights and
 * /{media-id}/comments, and a Facebook video's fields (views, likes/comments summaries) and /{video-id}/comments.
 */
export class MetaEngagement {
  private byId = new Map<string, Engagement>();
  private seq = 18_000_000_000_000_000n;

  /** The counters of an object, created empty on first use. */
  of(id: string): Engagement {
    let e = this.byId.get(id);
    if (!e) this.byId.set(id, (e = { views: 0, likes: 0, shares: 0, reach: 0, comments: [] }));
    return e;
  }

  /** False: the Page token lacks read_insights, so video_insights answers (#10). */
  pageInsightsGranted = true;

  /** Replies that reached the fake through POST /{comment-id}/comments or /replies, in order. */
  readonly replies: { parentId: string; text: string }[] = [];

  /** Adds a comment by `author` to an object (a reply under `parentId`), returning its id (Facebook ids are `<object>_<n>`). */
  comment(id: string, author: string, text: string, at = new Date(), parentId?: string): string {
    const cid = String(this.seq++);
    this.of(id).comments.push({ id: cid, author, authorId: String(this.seq++), text, at, parentId, likeCount: 0, hidden: false });
    return cid;
  }

  /** The object holding a comment and the comment, by its Instagram id or Facebook `<object>_<n>` id. */
  find(commentId: string): { objectId: string; comment: MetaComment } | undefined {
    const plain = commentId.includes("_") ? commentId.split("_")[1]! : commentId;
    for (const [objectId, e] of this.byId) {
      const comment = e.comments.find((c) => c.id === plain);
      if (comment) return { objectId, comment };
    }
    return undefined;
  }

  /** Deletes a comment as its author would. */
  remove(commentId: string): void {
    const f = this.find(commentId);
    if (f) this.of(f.objectId).comments = this.of(f.objectId).comments.filter((c) => c !== f.comment && c.parentId !== f.comment.id);
  }

  /** A written reply as the account (the write side of both platforms). */
  /** Who writes as the account: the Page on Facebook, the Instagram professional account on Instagram. */
  owners = { page: { id: "", name: "" }, ig: { id: "", username: "" } };

  private addReply(objectId: string, parent: MetaComment, text: string, fb: boolean): MetaComment {
    const reply: MetaComment = {
      id: String(this.seq++),
      author: fb ? this.owners.page.name : this.owners.ig.username,
      authorId: fb ? this.owners.page.id : this.owners.ig.id,
      text,
      at: new Date(),
      parentId: parent.parentId ?? parent.id,
      likeCount: 0,
      hidden: false,
    };
    this.of(objectId).comments.push(reply);
    this.replies.push({ parentId: reply.parentId!, text });
    return reply;
  }

  /**
   * Writes on a comment: Facebook POST /{comment-id}/comments (message), /{comment-id}/likes and /{comment-id}
   * is_hidden=true; Instagram POST /{ig-comment-id}/replies (message) and /{ig-comment-id} hide=true. Undefined
   * when the path is no comment.
   */
  write(p: string, form: URLSearchParams, url: URL): Response | undefined {
    const m = p.match(/^\/([\d_]+)(?:\/(comments|likes|replies))?$/);
    if (!m) return undefined;
    const f = this.find(m[1]!);
    if (!f) return undefined;
    const param = (k: string) => url.searchParams.get(k) ?? form.get(k);
    const fb = m[1]!.includes("_");
    const edge = m[2];
    if ((edge === "comments" && fb) || (edge === "replies" && !fb)) {
      const message = param("message") ?? "";
      if (!message.trim()) return graphError(400, "(#100) The parameter message is required", "OAuthException", 100);
      if (f.comment.hidden && !fb) return graphError(400, "(#100) You cannot reply to a hidden comment", "OAuthException", 100);
      const r = this.addReply(f.objectId, f.comment, message, fb);
      return Response.json({ id: fb ? `${f.objectId}_${r.id}` : r.id });
    }
    if (edge === "likes" && fb) {
      if (!f.comment.likedByPage) f.comment.likeCount++;
      f.comment.likedByPage = true;
      return Response.json({ success: true });
    }
    if (!edge && (fb ? param("is_hidden") === "true" : param("hide") === "true")) {
      f.comment.hidden = true;
      return Response.json({ success: true });
    }
    return graphError(400, "(#100) Unsupported post request.", "GraphMethodException", 100);
  }

  /** GET /{ig-comment-id}/replies: a comment's replies, oldest first, paged like every edge. */
  igReplies(commentId: string, url: URL): Response | undefined {
    const f = this.find(commentId);
    if (!f) return undefined;
    const list = this.of(f.objectId).comments.filter((c) => c.parentId === f.comment.id && !c.hidden);
    return Response.json(
      pageOf(
        list.map((c) => this.igResource(c)),
        url,
      ),
    );
  }

  private igResource(c: MetaComment) {
    return {
      id: c.id,
      text: c.text,
      timestamp: graphTime(c.at),
      username: c.author,
      like_count: c.likeCount,
      from: { id: c.authorId, username: c.author },
    };
  }

  /** GET /{media-id}/insights?metric=a,b,c: one entry per metric with a lifetime value. */
  igInsights(id: string, url: URL, productType: "REELS" | "FEED"): Response {
    const e = this.of(id);
    const metrics = (url.searchParams.get("metric") ?? "").split(",").filter(Boolean);
    const foreign = metrics.find((m) => ONLY_FOR[m] && ONLY_FOR[m] !== productType);
    if (foreign)
      return graphError(
        400,
        `(#100) The Media Insights API does not support the ${foreign} metric for this media product type.`,
        "OAuthException",
        100,
      );
    const bad = metrics.find((m) => !IG_MEDIA_METRICS.has(m));
    if (!metrics.length || bad)
      return graphError(
        400,
        `(#100) metric[${Math.max(0, metrics.indexOf(bad ?? ""))}] must be one of the following values: ${[...IG_MEDIA_METRICS].join(", ")}`,
        "OAuthException",
        100,
      );
    if (e.tooFewViewers) return graphError(400, "(#10) Not enough viewers for the media to show insights", "OAuthException", 10);
    const value = (m: string) =>
      ({
        views: e.views,
        likes: e.likes,
        comments: e.comments.length,
        shares: e.shares,
        reach: e.reach,
        saved: e.saved ?? 0,
        ig_reels_avg_watch_time: e.avgWatchMs ?? 0,
        ig_reels_video_view_total_time: e.totalWatchMs ?? 0,
        profile_visits: e.profileVisits ?? 0,
      })[m] ?? 0;
    return Response.json({
      data: metrics.map((name) => ({
        name,
        period: "lifetime",
        values: [{ value: value(name) }],
        title: name,
        description: name,
        id: `${id}/insights/${name}/lifetime`,
      })),
    });
  }

  /**
   * GET /{media-id}/comments?fields=id,text,timestamp,username[,replies{...}]: top-level comments newest first,
   * `limit` a page (default 25) with cursor paging; the nested replies edge carries its first page only.
   */
  igComments(id: string, url: URL): Response {
    const all = this.of(id).comments.filter((c) => !c.hidden);
    const nested = (url.searchParams.get("fields") ?? "").includes("replies");
    const tops = all.filter((c) => !c.parentId).sort((a, b) => b.at.getTime() - a.at.getTime());
    const data = tops.map((c) => {
      const replies = all.filter((r) => r.parentId === c.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      const first = replies.slice(0, 2).map((r) => this.igResource(r));
      return {
        ...this.igResource(c),
        ...(nested && replies.length
          ? {
              replies: {
                data: first,
                paging: { cursors: { after: "rQ" }, ...(replies.length > 2 ? { next: `https://graph.invalid/${c.id}/replies` } : {}) },
              },
            }
          : {}),
      };
    });
    return Response.json(pageOf(data, url));
  }

  /** GET /{video-id}?fields=views,likes.summary(true).limit(0),comments.summary(true).limit(0). */
  fbVideoFields(id: string, url: URL): Record<string, unknown> {
    const e = this.of(id);
    const fields = url.searchParams.get("fields") ?? "";
    return {
      ...(/(^|,)views(,|$)/.test(fields) ? { views: e.views } : {}),
      ...(fields.includes("likes.summary(true)")
        ? { likes: { data: [], summary: { total_count: e.likes, can_like: true, has_liked: false } } }
        : {}),
      ...(fields.includes("comments.summary(true)")
        ? { comments: { data: [], summary: { order: "ranked", total_count: e.comments.length, can_comment: true } } }
        : {}),
    };
  }

  /** GET /{video-id}/video_insights?metric=a,b: a Facebook Reel's lifetime insights (unknown metrics refused with #100). */
  fbVideoInsights(id: string, url: URL): Response {
    if (!this.pageInsightsGranted)
      return graphError(400, "(#10) This endpoint requires the 'read_insights' permission.", "OAuthException", 10);
    const r = this.of(id).reel ?? { plays: 0, reach: 0, avgWatchMs: 0, totalWatchMs: 0 };
    const asked = (url.searchParams.get("metric") ?? "").split(",").filter(Boolean);
    const bad = asked.find((m) => !FB_REEL_METRICS.has(m));
    if (bad) return graphError(400, `(#100) The value must be a valid insights metric: ${bad}`, "OAuthException", 100);
    const value: Record<string, number> = {
      blue_reels_play_count: r.plays,
      fb_reels_total_plays: r.plays,
      post_impressions_unique: r.reach,
      post_video_avg_time_watched: r.avgWatchMs,
      post_video_view_time: r.totalWatchMs,
    };
    return Response.json({
      data: (asked.length ? asked : [...FB_REEL_METRICS]).map((name) => ({
        name,
        period: "lifetime",
        values: [{ value: value[name] }],
        title: name,
        description: name,
        id: `${id}/video_insights/${name}/lifetime`,
      })),
    });
  }

  /**
   * GET /{object-id}/comments?fields=id,message,created_time,from,parent,like_count: top-level comments, or with
   * filter=stream every comment and reply (each naming its parent); order=reverse_chronological honoured; paged.
   */
  fbComments(id: string, url: URL): Response {
    const stream = url.searchParams.get("filter") === "stream";
    const list = this.of(id)
      .comments.filter((c) => !c.hidden && (stream || !c.parentId))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    if (url.searchParams.get("order") === "reverse_chronological") list.reverse();
    const data = list.map((c) => ({
      id: `${id}_${c.id}`,
      message: c.text,
      created_time: graphTime(c.at),
      from: { name: c.author, id: c.authorId },
      like_count: c.likeCount,
      ...(c.parentId ? { parent: { id: `${id}_${c.parentId}` } } : {}),
    }));
    return Response.json(pageOf(data, url));
  }
}

/** One page of an edge: `limit` items (default 25) after the `after` cursor, with paging.next when more remain. */
function pageOf<T>(all: T[], url: URL): { data: T[]; paging: { cursors: { before: string; after: string }; next?: string } } {
  const limit = Math.max(1, Math.min(100, Number(url.searchParams.get("limit") ?? 25) || 25));
  const after = url.searchParams.get("after");
  const start = after ? Number(Buffer.from(after, "base64url").toString()) || 0 : 0;
  const data = all.slice(start, start + limit);
  const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
  const next = new URL(url);
  next.searchParams.set("after", cursor(start + data.length));
  return {
    data,
    paging: {
      cursors: { before: cursor(start), after: cursor(start + data.length) },
      ...(start + data.length < all.length ? { next: next.toString() } : {}),
    },
  };
}

/** The Graph API error envelope. */
export function graphError(
  status: number,
  message: string,
  type: string,
  code: number,
  subcode?: number,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: "Afaketrace" } },
    { status, headers },
  );
}
