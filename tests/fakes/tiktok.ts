import { randomBytes } from "node:crypto";
import { LocalFake } from "./local-fake";

/** A scripted failure the fake TikTok answers once for the next matching call. */
export type TikTokFault =
  | "expired_token" // 401 access_token_invalid
  | "revoked" // 401, and refresh answers invalid_grant
  | "rate_limit" // 429 rate_limit_exceeded
  | "spam_cap" // 403 spam_risk_too_many_posts (the creator's daily cap)
  | "media_rejected" // status ends FAILED with duration_check_failed
  | "server_error" // 500 internal_error
  | "accept_then_500"; // the last chunk completes the upload (the post goes out) but the answer is a 500

type Op = "creator" | "init" | "chunk" | "final" | "status" | "list" | "token" | "query";

const MB = 1024 * 1024;

interface Publish {
  id: string;
  title: string;
  size: number;
  chunkSize: number;
  chunks: number;
  received: number;
  completedAt?: number;
  failed?: boolean;
  videoId?: string;
}

/** A local TikTok Content Posting API (creator_info, video/init FILE_UPLOAD, chunked PUT, status/fetch, video/list) + Login Kit v2 tokens. */
export class FakeTikTok extends LocalFake {
  readonly posts: {
    id: string;
    title: string;
    createdAt: Date;
    stats?: { like_count: number; comment_count: number; share_count: number; view_count: number };
  }[] = [];
  readonly calls: { method: string; path: string; range?: string }[] = [];
  completions = 0;
  private faults: { op: Op; fault: TikTokFault }[] = [];
  private publishes = new Map<string, Publish>();
  private access = new Map<string, number>();
  private refresh = new Set<string>();
  private codes = new Map<string, string>();
  readonly user = { open_id: "-000fakeOpenId", display_name: "Example App", avatar_url: "https://p16-sign.tiktokcdn-us.com/fake.jpeg" };

  constructor(readonly opts: { latencyMs?: number; processingMs?: number; clientKey?: string; clientSecret?: string } = {}) {
    super();
  }

  /** Config overrides pointing the app at this fake. */
  env(): Record<string, string> {
    return {
      AMARKTAI_PLATFORM_TIKTOK_CLIENT_KEY: this.opts.clientKey ?? "tt-key",
      AMARKTAI_PLATFORM_TIKTOK_CLIENT_SECRET: this.opts.clientSecret ?? "tt-secret",
      AMARKTAI_PLATFORM_TIKTOK_API_BASE: this.origin,
      AMARKTAI_PLATFORM_TIKTOK_AUTHORIZE_URL: `${this.origin}/v2/auth/authorize/`,
    };
  }

  /** Answers the next call of `op` with `fault`. */
  fail(op: Op, fault: TikTokFault): void {
    this.faults.push({ op, fault });
  }

  /** Issues tokens directly (as after a consent). */
  issueTokens(): { accessToken: string; refreshToken: string; expiresIn: number } {
    const accessToken = `act.${randomBytes(12).toString("hex")}`;
    const refreshToken = `rft.${randomBytes(12).toString("hex")}`;
    this.access.set(accessToken, Date.now() + 86_400_000);
    this.refresh.add(refreshToken);
    return { accessToken, refreshToken, expiresIn: 86_400 };
  }

  private take(op: Op): TikTokFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.fault;
  }

  protected async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const p = url.pathname;
    this.calls.push({ method: req.method, path: p, range: req.headers.get("content-range") ?? undefined });
    if (this.opts.latencyMs) await Bun.sleep(this.opts.latencyMs);
    if (p === "/v2/auth/authorize/") return this.authorize(url);
    if (p === "/v2/oauth/token/") return this.token(req);
    if (p.startsWith("/upload/")) return this.chunk(req, p.split("/").pop()!);
    const exp = this.access.get((req.headers.get("authorization") ?? "").replace(/^Bearer /, ""));
    if (!exp || exp < Date.now()) return ttError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    if (p === "/v2/user/info/") return this.userInfo(url);
    if (p === "/v2/post/publish/creator_info/query/")
      return (
        this.fault("creator") ??
        ttOk({
          creator_avatar_url: this.user.avatar_url,
          creator_username: "exampleapp",
          creator_nickname: this.user.display_name,
          privacy_level_options: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"],
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: true,
          max_video_post_duration_sec: 600,
        })
      );
    if (p === "/v2/post/publish/video/init/") return this.init(req);
    if (p === "/v2/post/publish/status/fetch/") return this.status(req);
    if (p === "/v2/video/list/") return this.list();
    if (p === "/v2/video/query/" && req.method === "POST") return this.query(req, url);
    return ttError(404, "invalid_params", `no route ${p}`);
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get("client_key") !== (this.opts.clientKey ?? "tt-key")) return new Response("client_key invalid", { status: 400 });
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, q.get("redirect_uri")!);
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("scopes", q.get("scope") ?? "");
    back.searchParams.set("state", q.get("state") ?? "");
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async token(req: Request): Promise<Response> {
    const f = new URLSearchParams(await req.text());
    if (f.get("client_key") !== (this.opts.clientKey ?? "tt-key") || f.get("client_secret") !== (this.opts.clientSecret ?? "tt-secret"))
      return Response.json(
        { error: "invalid_client", error_description: "Client key or secret is incorrect.", log_id: "x" },
        { status: 400 },
      );
    if (this.take("token") === "server_error")
      return Response.json({ error: "server_error", error_description: "Internal error", log_id: "x" }, { status: 500 });
    // Client access token (documented: client_key, client_secret, grant_type=client_credentials; valid 2 hours).
    if (f.get("grant_type") === "client_credentials")
      return Response.json({ access_token: `clt.${randomBytes(12).toString("hex")}`, expires_in: 7200, token_type: "Bearer" });
    let ok = false;
    if (f.get("grant_type") === "authorization_code") {
      ok = this.codes.get(f.get("code") ?? "") === f.get("redirect_uri");
      this.codes.delete(f.get("code") ?? "");
    } else if (f.get("grant_type") === "refresh_token") {
      ok = this.refresh.delete(f.get("refresh_token") ?? "");
    }
    if (!ok)
      return Response.json(
        { error: "invalid_grant", error_description: "Authorization code or refresh token is expired or invalid.", log_id: "x" },
        { status: 400 },
      );
    const t = this.issueTokens();
    return Response.json({
      access_token: t.accessToken,
      expires_in: 86_400,
      open_id: this.user.open_id,
      refresh_expires_in: 31_536_000,
      refresh_token: t.refreshToken,
      scope: "user.info.basic,video.upload,video.publish,video.list",
      token_type: "Bearer",
    });
  }

  private fault(op: Op): Response | undefined {
    const f = this.take(op);
    switch (f) {
      case undefined:
        return undefined;
      case "expired_token":
        return ttError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
      case "revoked":
        this.access.clear();
        this.refresh.clear();
        return ttError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
      case "rate_limit":
        return ttError(429, "rate_limit_exceeded", "The API rate limit was exceeded.");
      case "spam_cap":
        return ttError(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user.");
      case "server_error":
        return ttError(500, "internal_error", "Something went wrong.");
      default:
        this.faults.unshift({ op, fault: f });
        return undefined;
    }
  }

  private async init(req: Request): Promise<Response> {
    const bad = this.fault("init");
    if (bad) return bad;
    const b = (await req.json()) as {
      post_info?: { title?: string; privacy_level?: string; is_aigc?: boolean };
      source_info?: { source?: string; video_size?: number; chunk_size?: number; total_chunk_count?: number };
    };
    const s = b.source_info ?? {};
    if (s.source !== "FILE_UPLOAD" || !s.video_size || !s.chunk_size || !s.total_chunk_count)
      return ttError(400, "invalid_params", "source_info is invalid");
    const expected = s.video_size < 5 * MB ? 1 : Math.floor(s.video_size / s.chunk_size);
    if (s.video_size < 5 * MB ? s.chunk_size !== s.video_size : s.chunk_size < 5 * MB || s.chunk_size > 64 * MB)
      return ttError(400, "invalid_params", "chunk_size is invalid");
    if (s.total_chunk_count !== expected) return ttError(400, "invalid_params", `total_chunk_count should be ${expected}`);
    if (!b.post_info?.privacy_level) return ttError(400, "invalid_params", "privacy_level is required");
    const id = `v_pub_file~v2-1.${randomBytes(8).toString("hex")}`;
    this.publishes.set(id, {
      id,
      title: b.post_info.title ?? "",
      size: s.video_size,
      chunkSize: s.chunk_size,
      chunks: s.total_chunk_count,
      received: 0,
      failed: this.take("status") === "media_rejected",
    });
    return ttOk({ publish_id: id, upload_url: `${this.origin}/upload/${encodeURIComponent(id)}` });
  }

  private async chunk(req: Request, idEnc: string): Promise<Response> {
    const pub = this.publishes.get(decodeURIComponent(idEnc));
    if (!pub || req.method !== "PUT") return new Response("not found", { status: 404 });
    const m = (req.headers.get("content-range") ?? "").match(/^bytes (\d+)-(\d+)\/(\d+)$/);
    const body = new Uint8Array(await req.arrayBuffer());
    if (!m || Number(m[1]) !== pub.received || Number(m[2]) - Number(m[1]) + 1 !== body.length || Number(m[3]) !== pub.size)
      return new Response("bad Content-Range", { status: 416 });
    const last = Number(m[2]) + 1 === pub.size;
    const bad = this.fault(last ? "final" : "chunk");
    if (bad) return bad;
    pub.received += body.length;
    if (!last) return new Response(null, { status: 206 });
    pub.completedAt = Date.now();
    this.completions++;
    if (!pub.failed) {
      // Real TikTok post ids are 19-digit int64s, more than a double holds exactly.
      pub.videoId = String(7_301_234_567_890_123_405n + BigInt(this.posts.length) * 7n);
      this.posts.push({ id: pub.videoId, title: pub.title, createdAt: new Date() });
    }
    if (this.take("final") === "accept_then_500") return new Response("internal error", { status: 500 });
    return new Response(null, { status: 201 });
  }

  private async status(req: Request): Promise<Response> {
    const bad = this.fault("status");
    if (bad) return bad;
    const pub = this.publishes.get(((await req.json()) as { publish_id?: string }).publish_id ?? "");
    if (!pub) return ttError(400, "invalid_publish_id", "publish_id does not exist");
    const done = pub.completedAt !== undefined && Date.now() - pub.completedAt >= (this.opts.processingMs ?? 0);
    if (!pub.completedAt) return ttOk({ status: "PROCESSING_UPLOAD", uploaded_bytes: pub.received });
    if (!done) return ttOk({ status: "PROCESSING_UPLOAD", uploaded_bytes: pub.received });
    if (pub.failed) return ttOk({ status: "FAILED", fail_reason: "duration_check_failed" });
    // The documented type is list<int64>: the ids go out as bare JSON numbers, digit for digit.
    return ttOk({ status: "PUBLISH_COMPLETE", publicaly_available_post_id: [rawJson(pub.videoId!)], uploaded_bytes: pub.size });
  }

  /** The account's follower count, as /v2/user/info/?fields=follower_count reports it. */
  followers = 4321;
  /** False: the user did not grant user.info.stats, so follower_count answers scope_not_authorized. */
  statsScope = true;

  /** GET /v2/user/info/?fields=...: the basic fields, and follower_count with the user.info.stats scope. */
  private userInfo(url: URL): Response {
    const fields = (url.searchParams.get("fields") ?? "").split(",");
    if (!fields.includes("follower_count")) return ttOk({ user: this.user });
    if (!this.statsScope)
      return ttError(401, "scope_not_authorized", "The user did not authorize the scope required for completing this request.");
    return ttOk({ user: { ...this.user, follower_count: this.followers } });
  }

  /** Adds a video of the account as if posted earlier (metrics tests that need no upload), returning its id. */
  addVideo(title = "A video"): string {
    const id = String(7_300_000_000 + this.posts.length + 1_000_000 * Math.floor(Math.random() * 1000));
    this.posts.push({ id, title, createdAt: new Date() });
    return id;
  }

  /** Removes a video (deleted by the user): video/query leaves it out from now on. */
  deleteVideo(videoId: string): void {
    const i = this.posts.findIndex((x) => x.id === videoId);
    if (i >= 0) this.posts.splice(i, 1);
  }

  /** Sets a video's counters as /v2/video/query/ reports them. */
  setStats(videoId: string, stats: Partial<NonNullable<(typeof this.posts)[number]["stats"]>>): void {
    const post = this.posts.find((x) => x.id === videoId)!;
    post.stats = { like_count: 0, comment_count: 0, share_count: 0, view_count: 0, ...post.stats, ...stats };
  }

  /** POST /v2/video/query/?fields=...: {filters:{video_ids}} (at most 20), only the user's own videos come back. */
  private async query(req: Request, url: URL): Promise<Response> {
    const bad = this.fault("query");
    if (bad) return bad;
    const fields = (url.searchParams.get("fields") ?? "").split(",").filter(Boolean);
    const ids = ((await req.json().catch(() => ({}))) as { filters?: { video_ids?: string[] } }).filters?.video_ids ?? [];
    if (!fields.length) return ttError(400, "invalid_params", "fields is required");
    if (!ids.length || ids.length > 20) return ttError(400, "invalid_params", "filters.video_ids must hold 1 to 20 ids");
    const videos = this.posts
      .filter((x) => ids.includes(x.id))
      .map((x) => {
        const all: Record<string, unknown> = {
          id: x.id,
          title: x.title,
          create_time: Math.floor(x.createdAt.getTime() / 1000),
          share_url: `https://www.tiktok.com/@exampleapp/video/${x.id}`,
          like_count: 0,
          comment_count: 0,
          share_count: 0,
          view_count: 0,
          ...x.stats,
        };
        return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
      });
    return ttOk({ videos, cursor: 0, has_more: false });
  }

  private list(): Response {
    const bad = this.fault("list");
    if (bad) return bad;
    const videos = [...this.posts].reverse().map((p) => ({
      id: p.id,
      title: p.title,
      video_description: p.title,
      create_time: Math.floor(p.createdAt.getTime() / 1000),
      share_url: `https://www.tiktok.com/@exampleapp/video/${p.id}`,
    }));
    return ttOk({ videos, cursor: 0, has_more: false });
  }
}

/** A JSON number written exactly as these digits (JSON.rawJSON), however many there are. */
function rawJson(digits: string): unknown {
  return (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(digits);
}

function ttOk(data: unknown): Response {
  return Response.json({ data, error: { code: "ok", message: "", log_id: randomBytes(8).toString("hex") } });
}

function ttError(status: number, code: string, message: string): Response {
  return Response.json({ data: {}, error: { code, message, log_id: randomBytes(8).toString("hex") } }, { status });
}
