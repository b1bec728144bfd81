import { createHash, randomBytes } from "node:crypto";
import { LocalFake } from "./local-fake";
import { YouTubeAnalytics } from "./youtube-analytics";
import { YouTubeComments } from "./youtube-comments";
import { gError, type ReceivedThumbnail, type ThumbnailFault, thumbnailsSet } from "./youtube-thumbnails";

/** A scripted failure the fake YouTube answers once for the next matching call. */
export type YouTubeFault =
  | "expired_token" // 401 authError
  | "revoked" // 401, and the refresh token answers invalid_grant
  | "rate_limit_retry_after" // 429 rateLimitExceeded with Retry-After
  | "rate_limit_plain" // 429 rateLimitExceeded without headers
  | "upload_limit" // 400 uploadLimitExceeded (the daily upload cap)
  | "media_rejected" // processing ends rejected (rejectionReason: length)
  | "duplicate" // processing ends rejected (rejectionReason: duplicate)
  | "server_error" // 503 backendError
  | "accept_then_503" // the last chunk creates the video, but the answer is a 503
  | "thumb_rate_limit" // thumbnails.set: 429 uploadRateLimitExceeded
  | "invalid_image" // thumbnails.set: 400 invalidImage
  | "insufficient_scope"; // 403 insufficientPermissions (the grant lacks the scope)

type Op = "start" | "chunk" | "final" | "list" | "token" | "status" | "read" | "thumbnail" | "reply";
const KIB256 = 256 * 1024;

interface Session {
  id: string;
  total: number;
  received: number;
  meta: { snippet?: { title?: string; description?: string }; status?: Record<string, unknown> };
  videoId?: string;
}

interface Video {
  id: string;
  title: string;
  description: string;
  createdAt: Date;
  ready: number;
  rejection?: string;
  stats?: { viewCount: number; likeCount: number; commentCount: number };
  /** Statistics answered exactly as given (garbage tests), instead of `stats`. */
  rawStats?: Record<string, unknown>;
  commentsDisabled?: boolean;
}

/** A local YouTube Data API v3 + Google OAuth 2.0 (PKCE) speaking the documented resumable upload protocol. */
export class FakeYouTube extends LocalFake {
  readonly videos: Video[] = [];
  readonly calls: { method: string; path: string; range?: string; size?: number }[] = [];
  createCount = 0;
  /** Custom thumbnails set through thumbnails.set, by video id. */
  readonly thumbnails = new Map<string, ReceivedThumbnail>();
  /** False: the channel is not verified, so thumbnails.set answers 403 forbidden. */
  verified = true;
  /** Data API quota units spent (videos.list and channels.list cost 1 each, as documented), and the daily allowance. */
  unitsUsed = 0;
  dailyUnits = 10_000;
  /** The channel's subscriber count as channels.list part=statistics reports it. */
  subscribers = 1234;
  private faults: { op: Op; fault: YouTubeFault }[] = [];
  /** The YouTube Analytics API v2 (reports.query) for the channel's videos: watch time, average view duration, shares. */
  readonly analytics = new YouTubeAnalytics();
  /** Comments, replies and moderation (commentThreads, comments.list/insert/setModerationStatus). */
  readonly comments: YouTubeComments = new YouTubeComments("UC_fake_channel_0001", (id) => this.videos.some((v) => v.id === id));
  private sessions = new Map<string, Session>();
  private access = new Map<string, number>();
  private refresh = new Set<string>();
  private codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  readonly channel = {
    id: "UC_fake_channel_0001",
    title: "Amarktai Demo Channel",
    avatar: "https://yt3.ggpht.com/fake-avatar.jpg",
    uploads: "UU_fake_channel_0001",
  };

  constructor(readonly opts: { latencyMs?: number; processingMs?: number; clientId?: string; clientSecret?: string } = {}) {
    super();
  }

  /** Config overrides pointing the app at this fake. */
  env(): Record<string, string> {
    return {
      AMARKTAI_PLATFORM_YOUTUBE_CLIENT_ID: this.opts.clientId ?? "yt-client.apps.googleusercontent.com",
      AMARKTAI_PLATFORM_YOUTUBE_CLIENT_SECRET: this.opts.clientSecret ?? "yt-secret",
      AMARKTAI_PLATFORM_YOUTUBE_API_ROOT: this.origin,
      AMARKTAI_PLATFORM_YOUTUBE_ANALYTICS_ROOT: this.origin,
      AMARKTAI_PLATFORM_YOUTUBE_AUTHORIZE_URL: `${this.origin}/o/oauth2/v2/auth`,
      AMARKTAI_PLATFORM_YOUTUBE_TOKEN_URL: `${this.origin}/token`,
    };
  }

  /** Answers the next call of `op` with `fault`. */
  fail(op: Op, fault: YouTubeFault): void {
    this.faults.push({ op, fault });
  }

  /** Issues tokens directly (as after a consent). */
  issueTokens(ttlSecs = 3599): { accessToken: string; refreshToken: string; expiresIn: number } {
    const accessToken = `ya29.${randomBytes(12).toString("hex")}`;
    const refreshToken = `1//${randomBytes(12).toString("hex")}`;
    this.access.set(accessToken, Date.now() + ttlSecs * 1000);
    this.refresh.add(refreshToken);
    return { accessToken, refreshToken, expiresIn: ttlSecs };
  }

  /** Revokes every grant (as the user removing the app from their Google account). */
  revokeAll(): void {
    this.access.clear();
    this.refresh.clear();
  }

  private take(op: Op): YouTubeFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.fault;
  }

  protected async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const p = url.pathname;
    this.calls.push({ method: req.method, path: p, range: req.headers.get("content-range") ?? undefined });
    if (this.opts.latencyMs) await Bun.sleep(this.opts.latencyMs);
    if (p === "/o/oauth2/v2/auth") return this.authorize(url);
    if (p === "/token" && req.method === "POST") return this.token(req);
    if (!this.authorized(req))
      return gError(401, "Request had invalid authentication credentials. Expected OAuth 2 access token.", "authError", "UNAUTHENTICATED");
    if (p === "/upload/youtube/v3/videos" && req.method === "POST") return this.startUpload(req, url);
    if (p === "/upload/youtube/v3/videos" && req.method === "PUT") return this.putChunk(req, url);
    if (p === "/youtube/v3/videos" && req.method === "GET") return this.videoStatus(url);
    if (p === "/upload/youtube/v3/thumbnails/set" && req.method === "POST") {
      const fault = this.take("thumbnail");
      return thumbnailsSet(req, url, {
        verified: this.verified,
        hasVideo: (id) => this.videos.some((v) => v.id === id),
        fault: fault as ThumbnailFault | undefined,
        store: this.thumbnails,
      });
    }
    if (p === "/youtube/v3/channels") return this.channels(url);
    if (p === "/v2/reports" && req.method === "GET") return this.analytics.report(url);
    if (p === "/youtube/v3/commentThreads" && req.method === "GET") return this.commentThreads(url);
    if (p === "/youtube/v3/comments" && req.method === "GET") return this.fault("read") ?? this.comments.replies(url);
    if (p === "/youtube/v3/comments" && req.method === "POST") return this.fault("reply") ?? this.comments.insert(req);
    if (p === "/youtube/v3/comments/setModerationStatus" && req.method === "POST") return this.comments.moderate(url);
    if (p === "/youtube/v3/playlistItems") return this.playlistItems(url);
    return gError(404, `no route ${req.method} ${p}`, "notFound", "NOT_FOUND");
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get("client_id") !== (this.opts.clientId ?? "yt-client.apps.googleusercontent.com"))
      return new Response("invalid_client", { status: 401 });
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge"))
      return new Response("PKCE required by this fake", { status: 400 });
    if (q.get("access_type") !== "offline") return new Response("this fake expects access_type=offline", { status: 400 });
    const code = `4/${randomBytes(10).toString("hex")}`;
    this.codes.set(code, { challenge: q.get("code_challenge")!, redirectUri: q.get("redirect_uri")!, scope: q.get("scope") ?? "" });
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state") ?? "");
    back.searchParams.set("scope", q.get("scope") ?? "");
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async token(req: Request): Promise<Response> {
    const f = new URLSearchParams(await req.text());
    if (
      f.get("client_id") !== (this.opts.clientId ?? "yt-client.apps.googleusercontent.com") ||
      f.get("client_secret") !== (this.opts.clientSecret ?? "yt-secret")
    ) {
      return Response.json({ error: "invalid_client", error_description: "The OAuth client was not found." }, { status: 401 });
    }
    if (this.take("token") === "server_error") return Response.json({ error: "internal_failure" }, { status: 503 });
    if (f.get("grant_type") === "authorization_code") {
      const c = this.codes.get(f.get("code") ?? "");
      this.codes.delete(f.get("code") ?? "");
      const challenge = createHash("sha256")
        .update(f.get("code_verifier") ?? "")
        .digest("base64url");
      if (!c || c.redirectUri !== f.get("redirect_uri") || c.challenge !== challenge)
        return Response.json({ error: "invalid_grant", error_description: "Bad Request" }, { status: 400 });
      const t = this.issueTokens();
      return Response.json({
        access_token: t.accessToken,
        expires_in: t.expiresIn,
        refresh_token: t.refreshToken,
        scope: c.scope,
        token_type: "Bearer",
      });
    }
    if (f.get("grant_type") === "refresh_token") {
      if (!this.refresh.has(f.get("refresh_token") ?? ""))
        return Response.json({ error: "invalid_grant", error_description: "Token has been expired or revoked." }, { status: 400 });
      const accessToken = `ya29.${randomBytes(12).toString("hex")}`;
      this.access.set(accessToken, Date.now() + 3599_000);
      // Google keeps the refresh token: the answer has none.
      return Response.json({
        access_token: accessToken,
        expires_in: 3599,
        scope: "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly",
        token_type: "Bearer",
      });
    }
    return Response.json({ error: "unsupported_grant_type" }, { status: 400 });
  }

  private authorized(req: Request): boolean {
    const exp = this.access.get((req.headers.get("authorization") ?? "").replace(/^Bearer /, ""));
    return exp !== undefined && exp > Date.now();
  }

  private fault(op: Op): Response | undefined {
    const f = this.take(op);
    switch (f) {
      case undefined:
        return undefined;
      case "expired_token":
        return gError(401, "Request had invalid authentication credentials.", "authError", "UNAUTHENTICATED");
      case "revoked":
        this.revokeAll();
        return gError(401, "Request had invalid authentication credentials.", "authError", "UNAUTHENTICATED");
      case "rate_limit_retry_after":
        return gError(
          429,
          "The request cannot be completed because you have exceeded your quota.",
          "rateLimitExceeded",
          "RESOURCE_EXHAUSTED",
          { "retry-after": "120" },
        );
      case "rate_limit_plain":
        return gError(
          429,
          "The request cannot be completed because you have exceeded your quota.",
          "rateLimitExceeded",
          "RESOURCE_EXHAUSTED",
        );
      case "upload_limit":
        return gError(400, "The user has exceeded the number of videos they may upload.", "uploadLimitExceeded", "INVALID_ARGUMENT");
      case "server_error":
        return gError(503, "Backend Error", "backendError", "UNAVAILABLE");
      case "insufficient_scope":
        return gError(403, "Request had insufficient authentication scopes.", "insufficientPermissions", "PERMISSION_DENIED");
      default:
        this.faults.unshift({ op, fault: f });
        return undefined;
    }
  }

  private async startUpload(req: Request, url: URL): Promise<Response> {
    const bad = this.fault("start");
    if (bad) return bad;
    if (url.searchParams.get("uploadType") !== "resumable")
      return gError(400, "uploadType must be resumable in this fake", "badRequest", "INVALID_ARGUMENT");
    const total = Number(req.headers.get("x-upload-content-length"));
    const meta = (await req.json()) as Session["meta"];
    const title = meta.snippet?.title ?? "";
    if (title.length < 1 || title.length > 100)
      return gError(400, "The request metadata specifies an invalid video title.", "invalidTitle", "INVALID_ARGUMENT");
    if (!Number.isFinite(total) || total <= 0) return gError(400, "X-Upload-Content-Length is required", "badRequest", "INVALID_ARGUMENT");
    const id = randomBytes(8).toString("hex");
    this.sessions.set(id, { id, total, received: 0, meta });
    return new Response(null, {
      status: 200,
      headers: { location: `${this.origin}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` },
    });
  }

  private async putChunk(req: Request, url: URL): Promise<Response> {
    const s = this.sessions.get(url.searchParams.get("upload_id") ?? "");
    if (!s) return gError(404, "upload session not found", "notFound", "NOT_FOUND");
    const cr = req.headers.get("content-range") ?? "";
    const body = new Uint8Array(await req.arrayBuffer());
    this.calls.at(-1)!.size = body.length;
    const status = cr.match(/^bytes \*\/(\d+)$/);
    if (status) return s.videoId ? this.videoResource(s) : incomplete(s.received);
    const m = cr.match(/^bytes (\d+)-(\d+)\/(\d+)$/);
    if (!m) return gError(400, "Content-Range is required", "badRequest", "INVALID_ARGUMENT");
    const [a, b, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const last = b + 1 === total;
    const bad = this.fault(last ? "final" : "chunk");
    if (bad) return bad;
    if (a !== s.received || b - a + 1 !== body.length || total !== s.total)
      return gError(400, `chunk does not continue the upload at byte ${s.received}`, "badContent", "INVALID_ARGUMENT");
    if (!last && body.length % KIB256 !== 0)
      return gError(400, "chunks other than the last must be a multiple of 256 KiB", "badContent", "INVALID_ARGUMENT");
    s.received = b + 1;
    if (!last) return incomplete(s.received);
    const pending = this.take("final");
    const processing = this.take("status");
    const id = randomBytes(6).toString("base64url").slice(0, 11);
    this.createCount++;
    this.videos.push({
      id,
      title: s.meta.snippet?.title ?? "",
      description: s.meta.snippet?.description ?? "",
      createdAt: new Date(),
      ready: Date.now() + (this.opts.processingMs ?? 0),
      rejection: processing === "media_rejected" ? "length" : processing === "duplicate" ? "duplicate" : undefined,
    });
    s.videoId = id;
    if (pending === "accept_then_503") return gError(503, "Backend Error", "backendError", "UNAVAILABLE");
    return this.videoResource(s);
  }

  private videoResource(s: Session): Response {
    return Response.json({
      kind: "youtube#video",
      id: s.videoId,
      snippet: s.meta.snippet,
      status: { uploadStatus: "uploaded", ...(s.meta.status ?? {}) },
    });
  }

  /** Sets a video's counters (views, likes, comments) as statistics will report them. */
  setStats(videoId: string, stats: Partial<NonNullable<Video["stats"]>>): void {
    const v = this.videos.find((x) => x.id === videoId)!;
    v.stats = { viewCount: 0, likeCount: 0, commentCount: 0, ...v.stats, ...stats };
  }

  /** Answers the video's statistics exactly as given (strings, negatives, missing fields), as a broken API might. */
  setRawStats(videoId: string, raw: Record<string, unknown>): void {
    this.videos.find((x) => x.id === videoId)!.rawStats = raw;
  }

  /** Adds a video as if uploaded earlier (metrics tests that need no upload), returning its id. */
  addVideo(title = "A video"): string {
    const id = randomBytes(6).toString("base64url").slice(0, 11);
    this.videos.push({ id, title, description: "", createdAt: new Date(), ready: 0 });
    return id;
  }

  /** Deletes a video: videos.list leaves it out of `items` from now on. */
  deleteVideo(videoId: string): void {
    const i = this.videos.findIndex((x) => x.id === videoId);
    if (i >= 0) this.videos.splice(i, 1);
  }

  /** Spends one quota unit; the day's allowance used up answers 403 quotaExceeded. */
  private spend(): Response | undefined {
    if (this.unitsUsed >= this.dailyUnits)
      return gError(403, "The request cannot be completed because you have exceeded your quota.", "quotaExceeded", "RESOURCE_EXHAUSTED");
    this.unitsUsed++;
    return undefined;
  }

  /** Adds a top-level comment to a video (or a reply under `parentId`). */
  addComment(videoId: string, author: string, text: string, at = new Date(), parentId?: string): string {
    return this.comments.add(videoId, author, text, at, parentId);
  }

  /** Turns comments off on a video (commentThreads.list then answers 403 commentsDisabled). */
  disableComments(videoId: string): void {
    this.videos.find((x) => x.id === videoId)!.commentsDisabled = true;
  }

  /** commentThreads.list?part=snippet[,replies]&videoId=...: newest first (order=time), paged by pageToken. */
  private commentThreads(url: URL): Response {
    const bad = this.fault("read");
    if (bad) return bad;
    const v = this.videos.find((x) => x.id === url.searchParams.get("videoId"));
    return this.comments.threads(url, v?.commentsDisabled === true);
  }

  private videoStatus(url: URL): Response {
    const parts = (url.searchParams.get("part") ?? "").split(",");
    if (parts.includes("statistics")) {
      const bad = this.fault("read") ?? this.spend();
      if (bad) return bad;
    }
    const ids = url.searchParams.getAll("id").flatMap((v) => v.split(","));
    if (ids.length > 50) return gError(400, "The request specifies more than 50 video ids.", "badRequest", "INVALID_ARGUMENT");
    const items = this.videos
      .filter((v) => ids.includes(v.id))
      .map((v) => {
        const done = Date.now() >= v.ready;
        const uploadStatus = !done ? "uploaded" : v.rejection ? "rejected" : "processed";
        return {
          kind: "youtube#video",
          id: v.id,
          status: { uploadStatus, ...(done && v.rejection ? { rejectionReason: v.rejection } : {}), privacyStatus: "public" },
          processingDetails: { processingStatus: done ? (v.rejection ? "failed" : "succeeded") : "processing" },
          // Counters are strings in the API (uint64 as JSON strings).
          ...(parts.includes("statistics")
            ? {
                statistics: v.rawStats ?? {
                  viewCount: String(v.stats?.viewCount ?? 0),
                  likeCount: String(v.stats?.likeCount ?? 0),
                  favoriteCount: "0",
                  commentCount: String(v.stats?.commentCount ?? this.comments.list.filter((c) => c.videoId === v.id).length),
                },
              }
            : {}),
        };
      });
    return Response.json({
      kind: "youtube#videoListResponse",
      items,
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
    });
  }

  private channels(url: URL): Response {
    const c = this.channel;
    const stats = (url.searchParams.get("part") ?? "").split(",").includes("statistics");
    if (stats) {
      const bad = this.fault("read") ?? this.spend();
      if (bad) return bad;
    }
    return Response.json({
      kind: "youtube#channelListResponse",
      items: [
        {
          kind: "youtube#channel",
          id: c.id,
          snippet: { title: c.title, thumbnails: { default: { url: c.avatar } } },
          contentDetails: { relatedPlaylists: { uploads: c.uploads } },
          ...(stats
            ? {
                statistics: {
                  viewCount: "0",
                  subscriberCount: String(this.subscribers),
                  hiddenSubscriberCount: false,
                  videoCount: String(this.videos.length),
                },
              }
            : {}),
        },
      ],
    });
  }

  private playlistItems(url: URL): Response {
    const bad = this.fault("list");
    if (bad) return bad;
    if (url.searchParams.get("playlistId") !== this.channel.uploads)
      return gError(404, "playlist not found", "playlistNotFound", "NOT_FOUND");
    const max = Number(url.searchParams.get("maxResults") ?? 5);
    const items = [...this.videos]
      .reverse()
      .slice(0, max)
      .map((v) => ({
        kind: "youtube#playlistItem",
        snippet: {
          publishedAt: v.createdAt.toISOString(),
          title: v.title,
          description: v.description,
          resourceId: { kind: "youtube#video", videoId: v.id },
        },
      }));
    return Response.json({ kind: "youtube#playlistItemListResponse", items });
  }
}

function incomplete(received: number): Response {
  return new Response(null, { status: 308, headers: received > 0 ? { range: `bytes=0-${received - 1}` } : {} });
}
