/** Counters and comments the fake Graph API keeps per Instagram media or Facebook video. */
interface Engagement {
  views: number;
  likes: number;
  shares: number;
  reach: number;
  saved?: number;
  comments: { id: string; author: string; authorId: string; text: string; at: Date }[];
  /** Instagram answers (#10) for media with too few viewers for insights. */
  tooFewViewers?: boolean;
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

  /** Adds a comment by `author` to an object, returning its id. */
  comment(id: string, author: string, text: string, at = new Date()): string {
    const cid = String(this.seq++);
    this.of(id).comments.push({ id: cid, author, authorId: String(this.seq++), text, at });
    return cid;
  }

  /** GET /{media-id}/insights?metric=a,b,c: one entry per metric with a lifetime value. */
  igInsights(id: string, url: URL): Response {
    const e = this.of(id);
    const metrics = (url.searchParams.get("metric") ?? "").split(",").filter(Boolean);
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
      ({ views: e.views, likes: e.likes, comments: e.comments.length, shares: e.shares, reach: e.reach, saved: e.saved ?? 0 })[m] ?? 0;
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

  /** GET /{media-id}/comments?fields=id,text,timestamp,username (newest first). */
  igComments(id: string): Response {
    const data = [...this.of(id).comments]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((c) => ({ id: c.id, text: c.text, timestamp: graphTime(c.at), username: c.author }));
    return Response.json({ data, paging: { cursors: { before: "QVFI", after: "QVFJ" } } });
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

  /** GET /{object-id}/comments?fields=id,message,created_time,from (order=reverse_chronological honoured). */
  fbComments(id: string, url: URL): Response {
    const list = [...this.of(id).comments].sort((a, b) => a.at.getTime() - b.at.getTime());
    if (url.searchParams.get("order") === "reverse_chronological") list.reverse();
    const data = list.map((c) => ({
      id: `${id}_${c.id}`,
      message: c.text,
      created_time: graphTime(c.at),
      from: { name: c.author, id: c.authorId },
    }));
    return Response.json({ data, paging: { cursors: { before: "MQZDZD", after: "MQZDZD" } } });
  }
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
