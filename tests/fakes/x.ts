import { createHash, randomBytes } from "node:crypto";

/** A scripted failure the fake X answers once for the next matching call. */
export type XFault =
  | "expired_token" // 401 on an API call (the access token expired)
  | "revoked" // 401 on API calls and invalid_request on refresh: the user revoked the app
  | "rate_limit_reset" // 429 with x-rate-limit-reset
  | "rate_limit_plain" // 429 without any reset header
  | "daily_cap" // 429 with x-user-limit-24hour-remaining: 0 and its reset
  | "media_rejected" // processing ends in "failed" (InvalidMedia)
  | "duplicate" // 403 "duplicate content"
  | "server_error" // 503
  | "accept_then_503" // the post IS created, but the answer is a 503 (a lost response)
  | "not_enrolled" // 403 client-not-enrolled: the app's plan does not include the endpoint
  | "missing_scope"; // 403 Forbidden: the token lacks a scope the endpoint needs

type Op = "create" | "initialize" | "append" | "finalize" | "status" | "token" | "list" | "read" | "any";

interface Tweet {
  id: string;
  text: string;
  authorId: string;
  mediaIds: string[];
  createdAt: Date;
  conversationId?: string;
  /** The post this one answers (referenced_tweets type replied_to). */
  inReplyTo?: string;
  /** Profile visits from the post (non_public_metrics.user_profile_clicks). */
  profileClicks?: number;
  metrics?: {
    retweet_count: number;
    reply_count: number;
    like_count: number;
    quote_count: number;
    bookmark_count: number;
    impression_count: number;
  };
}

interface Media {
  id: string;
  category: string;
  type: string;
  totalBytes: number;
  received: Map<number, number>;
  finalizedAt?: number;
  failed?: string;
}

/** Options: latency per call, processing time of a video, the app's credentials. */
export interface FakeXOptions {
  latencyMs?: number;
  processingMs?: number;
  checkAfterSecs?: number;
  clientId?: string;
  clientSecret?: string;
  accessTtlSecs?: number;
}

/** A local X API v2 (OAuth 2.0 PKCE, media upload v2, posts, user timeline) speaking the documented wire format. */
export class FakeX {
  readonly tweets: Tweet[] = [];
  readonly calls: { method: string; path: string }[] = [];
  createCalls = 0;
  /** Called when a create arrives, before it is stored or answered (crash tests kill the client here). */
  onCreate?: (body: { text: string }) => void | Promise<void>;
  private server!: ReturnType<typeof Bun.serve>;
  private faults: { op: Op; fault: XFault }[] = [];
  private access = new Map<string, { userId: string; expiresAt: number }>();
  private refresh = new Map<string, string>(); // refresh token -> user id (rotated on each use)
  private codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  private media = new Map<string, Media>();
  private revoked = false;
  private seq = 1_800_000_000_000_000_000n;
  /** Posts returned by lookups this month (counted against the monthly post cap, deduplicated per UTC day as documented). */
  postsRead = 0;
  /** The app's monthly post cap (the free plan's is 1,500); once reached, lookups answer 429 UsageCapExceeded. */
  monthlyPostCap = Number.POSITIVE_INFINITY;
  private readToday = new Set<string>();
  /** The account's follower count as /2/users/me public_metrics reports it. */
  followers = 321;
  /** Recent-search pages answered. */
  searchPages = 0;
  /** Other accounts that reply to our posts (for the users expansion). */
  readonly repliers = new Map<string, string>([["1111", "replier_one"]]);
  readonly user = {
    id: "2244994945",
    name: "Amarktai Test",
    username: "amarktai_test",
    profile_image_url: "https://pbs.twimg.com/profile_images/test.jpg",
  };

  constructor(readonly opts: FakeXOptions = {}) {}

  /** Starts listening on 127.0.0.1, a random port. */
  start(): this {
    this.server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (r) => this.handle(r) });
    return this;
  }

  /** Stops the server. */
  stop(): void {
    this.server.stop(true);
  }

  /** The fake's origin, e.g. http://127.0.0.1:41234. */
  get origin(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Config overrides pointing the app at this fake. */
  env(): Record<string, string> {
    return {
      AMARKTAI_PLATFORM_X_CLIENT_ID: this.opts.clientId ?? "x-client",
      AMARKTAI_PLATFORM_X_CLIENT_SECRET: this.opts.clientSecret ?? "x-secret",
      AMARKTAI_PLATFORM_X_API_BASE: `${this.origin}/2`,
      AMARKTAI_PLATFORM_X_AUTHORIZE_URL: `${this.origin}/i/oauth2/authorize`,
      AMARKTAI_PLATFORM_X_TOKEN_URL: `${this.origin}/2/oauth2/token`,
    };
  }

  /** Answers the next call of `op` with `fault`. */
  fail(op: Op, fault: XFault): void {
    this.faults.push({ op, fault });
  }

  /** Issues tokens directly (as if the user had connected), returning them. */
  issueTokens(ttlSecs = this.opts.accessTtlSecs ?? 7200): { accessToken: string; refreshToken: string; expiresIn: number } {
    const accessToken = `xat-${randomBytes(12).toString("hex")}`;
    const refreshToken = `xrt-${randomBytes(12).toString("hex")}`;
    this.access.set(accessToken, { userId: this.user.id, expiresAt: Date.now() + ttlSecs * 1000 });
    this.refresh.set(refreshToken, this.user.id);
    return { accessToken, refreshToken, expiresIn: ttlSecs };
  }

  /** Makes every token of the user invalid, as revoking the app in X's settings does. */
  revokeAll(): void {
    this.revoked = true;
    this.access.clear();
    this.refresh.clear();
  }

  private takeFault(op: Op): XFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op || f.op === "any");
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.fault;
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    this.calls.push({ method: req.method, path: url.pathname });
    if (this.opts.latencyMs) await Bun.sleep(this.opts.latencyMs);
    const p = url.pathname;
    if (p === "/i/oauth2/authorize") return this.authorize(url);
    if (p === "/2/oauth2/token" && req.method === "POST") return this.token(req);
    const auth = this.authenticate(req);
    if (auth instanceof Response) return auth;
    if (p === "/2/users/me") return this.me(url);
    if (p === "/2/tweets" && req.method === "GET") return this.lookupMany(url);
    if (p === "/2/media/upload/initialize" && req.method === "POST") return this.initialize(req);
    const m = p.match(/^\/2\/media\/upload\/(\d+)\/(append|finalize)$/);
    if (m && req.method === "POST") return m[2] === "append" ? this.append(req, m[1]!) : this.finalize(m[1]!);
    if (p === "/2/media/upload" && req.method === "GET") return this.status(url);
    if (p === "/2/tweets" && req.method === "POST") return this.create(req, auth);
    if (p === "/2/tweets/search/recent" && req.method === "GET") return this.search(url);
    const one = p.match(/^\/2\/tweets\/(\d+)$/);
    if (one && req.method === "GET") return this.lookup(url, one[1]!);
    const t = p.match(/^\/2\/users\/(\d+)\/tweets$/);
    if (t && req.method === "GET") return this.timeline(url, t[1]!);
    return problem(404, "Not Found Error", `no route ${req.method} ${p}`);
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get("response_type") !== "code" || q.get("client_id") !== (this.opts.clientId ?? "x-client"))
      return new Response("invalid client", { status: 400 });
    if (q.get("code_challenge_method")?.toLowerCase() !== "s256" || !q.get("code_challenge"))
      return new Response("PKCE required", { status: 400 });
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, { challenge: q.get("code_challenge")!, redirectUri: q.get("redirect_uri")!, scope: q.get("scope") ?? "" });
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("state", q.get("state") ?? "");
    back.searchParams.set("code", code);
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async token(req: Request): Promise<Response> {
    const basic = `Basic ${Buffer.from(`${this.opts.clientId ?? "x-client"}:${this.opts.clientSecret ?? "x-secret"}`).toString("base64")}`;
    if (req.headers.get("authorization") !== basic)
      return Response.json({ error: "unauthorized_client", error_description: "Missing valid authorization header" }, { status: 401 });
    const form = new URLSearchParams(await req.text());
    const fault = this.takeFault("token");
    if (fault === "server_error") return problem(503, "Service Unavailable", "try later");
    const ttl = this.opts.accessTtlSecs ?? 7200;
    if (form.get("grant_type") === "authorization_code") {
      const c = this.codes.get(form.get("code") ?? "");
      this.codes.delete(form.get("code") ?? "");
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      if (!c || c.redirectUri !== form.get("redirect_uri") || c.challenge !== challenge) return invalidToken();
      const t = this.issueTokens(ttl);
      return Response.json({
        token_type: "bearer",
        expires_in: ttl,
        access_token: t.accessToken,
        scope: c.scope,
        refresh_token: t.refreshToken,
      });
    }
    if (form.get("grant_type") === "refresh_token") {
      const rt = form.get("refresh_token") ?? "";
      if (!this.refresh.has(rt)) return invalidToken();
      this.refresh.delete(rt); // X rotates: the old refresh token is now dead
      const t = this.issueTokens(ttl);
      return Response.json({
        token_type: "bearer",
        expires_in: ttl,
        access_token: t.accessToken,
        scope: "tweet.read tweet.write users.read media.write offline.access",
        refresh_token: t.refreshToken,
      });
    }
    return Response.json({ error: "unsupported_grant_type" }, { status: 400 });
  }

  private authenticate(req: Request): Response | string {
    const tok = (req.headers.get("authorization") ?? "").replace(/^Bearer /, "");
    const a = this.access.get(tok);
    if (!a || a.expiresAt < Date.now() || this.revoked) return problem(401, "Unauthorized", "Unauthorized");
    return a.userId;
  }

  private fault(op: Op): Response | undefined {
    const f = this.takeFault(op);
    if (!f) return undefined;
    const reset = String(Math.floor(Date.now() / 1000) + 900);
    switch (f) {
      case "expired_token":
        return problem(401, "Unauthorized", "Unauthorized");
      case "revoked":
        this.revokeAll();
        return problem(401, "Unauthorized", "Unauthorized");
      case "rate_limit_reset":
        return problem(429, "Too Many Requests", "Too Many Requests", {
          "x-rate-limit-limit": "100",
          "x-rate-limit-remaining": "0",
          "x-rate-limit-reset": reset,
        });
      case "rate_limit_plain":
        return problem(429, "Too Many Requests", "Too Many Requests");
      case "daily_cap":
        return problem(429, "Too Many Requests", "Too Many Requests", {
          "x-rate-limit-limit": "100",
          "x-rate-limit-remaining": "99",
          "x-rate-limit-reset": reset,
          "x-user-limit-24hour-limit": "100",
          "x-user-limit-24hour-remaining": "0",
          "x-user-limit-24hour-reset": String(Math.floor(Date.now() / 1000) + 6 * 3600),
        });
      case "duplicate":
        return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
      case "server_error":
        return problem(503, "Service Unavailable", "Service Unavailable");
      case "not_enrolled":
        return Response.json(
          {
            client_id: this.opts.clientId ?? "x-client",
            detail:
              "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
            registration_url: "https://developer.twitter.com/en/docs/projects/overview",
            title: "Client Forbidden",
            required_enrollment: "Appropriate Level of API Access",
            reason: "client-not-enrolled",
            type: "https://api.twitter.com/2/problems/client-forbidden",
          },
          { status: 403 },
        );
      case "missing_scope":
        return problem(403, "Forbidden", "Forbidden");
      default:
        this.faults.unshift({ op, fault: f });
        return undefined;
    }
  }

  private async initialize(req: Request): Promise<Response> {
    const bad = this.fault("initialize");
    if (bad) return bad;
    const body = (await req.json()) as { media_type?: string; total_bytes?: number; media_category?: string };
    if (!body.total_bytes || !body.media_type)
      return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
    const category = body.media_category ?? "tweet_image";
    if (category === "tweet_image" && (!body.media_type.startsWith("image/") || body.total_bytes > 5 * 1024 * 1024))
      return problem(400, "Invalid Request", "Your media file is invalid: images must be JPEG, PNG, GIF or WEBP up to 5 MB.");
    const id = String(this.seq++);
    this.media.set(id, { id, category, type: body.media_type, totalBytes: body.total_bytes, received: new Map() });
    if (this.takeFault("finalize") === "media_rejected")
      this.media.get(id)!.failed = "Your media file is invalid: video longer than 140 seconds.";
    return Response.json({ data: { id, media_key: `7_${id}`, expires_after_secs: 86400 } });
  }

  private async append(req: Request, id: string): Promise<Response> {
    const bad = this.fault("append");
    if (bad) return bad;
    const m = this.media.get(id);
    if (!m) return problem(400, "Invalid Request", "media id not found");
    const parts = parseMultipart(Buffer.from(await req.arrayBuffer()), req.headers.get("content-type") ?? "");
    const seg = Number(parts.get("segment_index")?.toString());
    const media = parts.get("media");
    if (!media || !Number.isInteger(seg)) return problem(400, "Invalid Request", "segment_index and media are required");
    m.received.set(seg, media.length);
    return Response.json({ data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } });
  }

  private finalize(id: string): Response {
    const bad = this.fault("finalize");
    if (bad) return bad;
    const m = this.media.get(id);
    if (!m) return problem(400, "Invalid Request", "media id not found");
    const got = [...m.received.values()].reduce((a, b) => a + b, 0);
    if (got !== m.totalBytes)
      return problem(400, "Invalid Request", `File size mismatch: expected ${m.totalBytes} bytes, received ${got}.`);
    m.finalizedAt = Date.now();
    // Images need no processing: X's FINALIZE answer has no processing_info for them.
    const info = m.category === "tweet_image" ? {} : { processing_info: this.processing(m) };
    return Response.json({
      data: { id, media_key: `${m.category === "tweet_image" ? 3 : 7}_${id}`, size: m.totalBytes, expires_after_secs: 86400, ...info },
    });
  }

  /** The processing_info X documents: pending -> in_progress -> succeeded | failed. */
  private processing(m: Media) {
    if (m.category === "tweet_image") return { state: "succeeded", progress_percent: 100 };
    const elapsed = Date.now() - (m.finalizedAt ?? Date.now());
    const total = this.opts.processingMs ?? 0;
    const check = this.opts.checkAfterSecs ?? 1;
    if (elapsed < total)
      return {
        state: elapsed === 0 ? "pending" : "in_progress",
        check_after_secs: check,
        progress_percent: Math.floor((elapsed / Math.max(1, total)) * 100),
      };
    if (m.failed) return { state: "failed", progress_percent: 100, error: { code: 1, name: "InvalidMedia", message: m.failed } };
    return { state: "succeeded", progress_percent: 100 };
  }

  private status(url: URL): Response {
    const bad = this.fault("status");
    if (bad) return bad;
    if (url.searchParams.get("command") !== "STATUS") return problem(400, "Invalid Request", "command must be STATUS");
    const m = this.media.get(url.searchParams.get("media_id") ?? "");
    if (!m?.finalizedAt) return problem(400, "Invalid Request", "media not finalized");
    return Response.json({ data: { id: m.id, media_key: `7_${m.id}`, processing_info: this.processing(m) } });
  }

  private async create(req: Request, userId: string): Promise<Response> {
    const body = (await req.json()) as { text?: string; media?: { media_ids?: string[] }; reply?: { in_reply_to_tweet_id?: string } };
    const bad = this.fault("create");
    if (bad) return bad;
    this.createCalls++;
    await this.onCreate?.({ text: body.text ?? "" });
    for (const mid of body.media?.media_ids ?? []) {
      const m = this.media.get(mid);
      if (!m || this.processing(m).state !== "succeeded") return problem(400, "Invalid Request", `Your media IDs are invalid: ${mid}`);
    }
    if (this.tweets.some((t) => t.text === body.text && t.authorId === userId))
      return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    const parentId = body.reply?.in_reply_to_tweet_id;
    const parent = parentId ? this.tweets.find((t) => t.id === parentId) : undefined;
    // Documented: replying to a deleted or invisible post is refused.
    if (parentId && !parent) return problem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.");
    const tweet: (typeof this.tweets)[number] = {
      id: this.postId(),
      text: body.text ?? "",
      authorId: userId,
      mediaIds: body.media?.media_ids ?? [],
      createdAt: new Date(),
      ...(parent ? { conversationId: parent.conversationId ?? parent.id, inReplyTo: parent.id } : {}),
    };
    this.tweets.push(tweet);
    if (this.takeFault("create") === "accept_then_503") return problem(503, "Service Unavailable", "Service Unavailable");
    return Response.json({ data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } }, { status: 201 });
  }

  /** The uploaded media of a post (its category and MIME type), for assertions. */
  mediaOf(tweet: { mediaIds: string[] }): { category: string; type: string; totalBytes: number }[] {
    return tweet.mediaIds.map((id) => this.media.get(id)!).map((m) => ({ category: m.category, type: m.type, totalBytes: m.totalBytes }));
  }

  /** Adds a reply from another account to one of our posts (its counters follow). */
  addReply(tweetId: string, text: string, at = new Date(), authorId = "1111"): string {
    const id = this.postId();
    this.tweets.push({ id, text, authorId, mediaIds: [], createdAt: at, conversationId: tweetId, inReplyTo: tweetId });
    const root = this.tweets.find((t) => t.id === tweetId);
    if (root) root.metrics = { ...this.metricsOf(root), reply_count: this.metricsOf(root).reply_count + 1 };
    return id;
  }

  /** Adds a post of our user as if posted earlier (metrics tests that need no publish), returning its id. */
  addPost(text: string, at = new Date()): string {
    const id = this.postId(at.getTime());
    this.tweets.push({ id, text, authorId: this.user.id, mediaIds: [], createdAt: at });
    return id;
  }

  /** Sets a post's counters as X would report them. */
  setMetrics(tweetId: string, m: Partial<NonNullable<Tweet["metrics"]>>): void {
    const t = this.tweets.find((x) => x.id === tweetId)!;
    t.metrics = { ...this.metricsOf(t), ...m };
  }

  private metricsOf(t: Tweet): NonNullable<Tweet["metrics"]> {
    return t.metrics ?? { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
  }

  /** GET /2/tweets/:id with tweet.fields (public_metrics among them). */
  private lookup(url: URL, id: string): Response {
    const bad = this.fault("read");
    if (bad) return bad;
    const t = this.tweets.find((x) => x.id === id);
    if (!t) return notFound(id);
    const fields = (url.searchParams.get("tweet.fields") ?? "").split(",");
    return Response.json({
      data: {
        id: t.id,
        text: t.text,
        edit_history_tweet_ids: [t.id],
        ...(fields.includes("public_metrics") ? { public_metrics: this.metricsOf(t) } : {}),
      },
    });
  }

  /** A post id as X mints them: a snowflake holding the creation time (ms since X's epoch, shifted left 22 bits). */
  private postId(at = Date.now()): string {
    return String((BigInt(at - 1288834974657) << 22n) | (this.seq++ & 0x3fffffn));
  }

  /** GET /2/users/me, with public_metrics when user.fields asks for it. */
  private me(url: URL): Response {
    if ((url.searchParams.get("user.fields") ?? "").includes("public_metrics")) {
      const bad = this.fault("read");
      if (bad) return bad;
      return Response.json({
        data: { ...this.user, public_metrics: { followers_count: this.followers, following_count: 10, tweet_count: this.tweets.length } },
      });
    }
    return Response.json({ data: this.user });
  }

  /**
   * GET /2/tweets?ids=1,2,3 (at most 100): found posts in `data`, missing ones in `errors` (resource-not-found);
   * non_public_metrics only for posts younger than 30 days. Each returned post counts against the monthly cap.
   */
  private lookupMany(url: URL): Response {
    const bad = this.fault("read");
    if (bad) return bad;
    const ids = (url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
    if (ids.length < 1 || ids.length > 100)
      return problem(400, "Invalid Request", "The `ids` query parameter value [..] is not between 1 and 100");
    if (this.postsRead >= this.monthlyPostCap)
      return Response.json(
        {
          title: "UsageCapExceeded",
          detail: "Usage cap exceeded: Monthly product cap",
          type: "https://api.twitter.com/2/problems/usage-capped",
          period: "Monthly",
          scope: "Product",
        },
        { status: 429 },
      );
    const fields = (url.searchParams.get("tweet.fields") ?? "").split(",");
    const found = ids.map((id) => this.tweets.find((t) => t.id === id)).filter((t) => t !== undefined);
    for (const t of found) {
      const key = `${new Date().toISOString().slice(0, 10)}:${t.id}`;
      if (!this.readToday.has(key)) this.postsRead++;
      this.readToday.add(key);
    }
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    return Response.json({
      ...(found.length
        ? {
            data: found.map((t) => ({
              id: t.id,
              text: t.text,
              edit_history_tweet_ids: [t.id],
              ...(fields.includes("public_metrics") ? { public_metrics: this.metricsOf(t) } : {}),
              ...(fields.includes("non_public_metrics")
                ? {
                    non_public_metrics: { impression_count: this.metricsOf(t).impression_count, user_profile_clicks: t.profileClicks ?? 0 },
                  }
                : {}),
            })),
          }
        : {}),
      ...(missing.length ? { errors: missing.map((id) => notFoundError(id)) } : {}),
    });
  }

  /**
   * GET /2/tweets/search/recent, supporting the `conversation_id:<id>` operator, start_time, the author expansion and
   * paging (max_results 10-100, default 10; meta.next_token while more remain, given back as next_token).
   */
  private search(url: URL): Response {
    const bad = this.fault("read");
    if (bad) return bad;
    const q = url.searchParams.get("query") ?? "";
    const conv = q.match(/^conversation_id:(\d+)$/)?.[1];
    if (!conv) return problem(400, "Invalid Request", "One or more parameters to your request was invalid.");
    const start = url.searchParams.get("start_time");
    if (start && Date.now() - new Date(start).getTime() > 7 * 86_400_000)
      return problem(400, "Invalid Request", "Invalid 'start_time': must be within the last 7 days.");
    const max = Number(url.searchParams.get("max_results") ?? 10);
    if (!Number.isInteger(max) || max < 10 || max > 100)
      return problem(400, "Invalid Request", `The \`max_results\` query parameter value [${max}] is not between 10 and 100`);
    const token = url.searchParams.get("next_token");
    const offset = token === null ? 0 : Number(/^p(\d+)$/.exec(Buffer.from(token, "base64url").toString())?.[1] ?? Number.NaN);
    if (Number.isNaN(offset)) return problem(400, "Invalid Request", `Invalid 'next_token': ${token}`);
    this.searchPages++;
    const all = this.tweets.filter((t) => t.conversationId === conv && (!start || t.createdAt >= new Date(start))).reverse();
    const list = all.slice(offset, offset + max);
    const next = offset + max < all.length ? Buffer.from(`p${offset + max}`).toString("base64url") : undefined;
    if (!list.length) return Response.json({ meta: { result_count: 0 } });
    const withAuthors = (url.searchParams.get("expansions") ?? "").includes("author_id");
    const ids = [...new Set(list.map((t) => t.authorId))];
    return Response.json({
      data: list.map((t) => ({
        id: t.id,
        text: t.text,
        author_id: t.authorId,
        created_at: t.createdAt.toISOString(),
        conversation_id: conv,
        ...(t.inReplyTo ? { referenced_tweets: [{ type: "replied_to", id: t.inReplyTo }] } : {}),
        edit_history_tweet_ids: [t.id],
      })),
      ...(withAuthors
        ? {
            includes: {
              users: ids.map((id) => ({
                id,
                name: id,
                username: id === this.user.id ? this.user.username : (this.repliers.get(id) ?? `user${id}`),
              })),
            },
          }
        : {}),
      meta: { result_count: list.length, newest_id: list[0]!.id, oldest_id: list.at(-1)!.id, ...(next ? { next_token: next } : {}) },
    });
  }

  private timeline(url: URL, userId: string): Response {
    const bad = this.fault("list");
    if (bad) return bad;
    const start = url.searchParams.get("start_time");
    const max = Number(url.searchParams.get("max_results") ?? 10);
    const list = this.tweets
      .filter((t) => t.authorId === userId && (!start || t.createdAt >= new Date(start)))
      .reverse()
      .slice(0, max);
    return Response.json({
      data: list.map((t) => ({
        id: t.id,
        text: t.text,
        created_at: t.createdAt.toISOString(),
        edit_history_tweet_ids: [t.id],
        ...(t.inReplyTo ? { referenced_tweets: [{ type: "replied_to", id: t.inReplyTo }] } : {}),
      })),
      meta: { result_count: list.length, ...(list[0] ? { newest_id: list[0].id, oldest_id: list.at(-1)!.id } : {}) },
    });
  }
}

function notFound(id: string): Response {
  // X answers a missing post with 200 and only an `errors` array.
  return Response.json({ errors: [notFoundError(id)] });
}

function notFoundError(id: string) {
  return {
    value: id,
    detail: `Could not find tweet with id: [${id}].`,
    title: "Not Found Error",
    resource_type: "tweet",
    parameter: "ids",
    resource_id: id,
    type: "https://api.twitter.com/2/problems/resource-not-found",
  };
}

function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
  return Response.json({ title, detail, type: "about:blank", status }, { status, headers });
}

function invalidToken(): Response {
  return Response.json({ error: "invalid_request", error_description: "Value passed for the token was invalid." }, { status: 400 });
}

/** Splits a multipart/form-data body into its fields as raw bytes (parts without a filename included). */
export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const boundary = contentType.match(/boundary=("?)([^";]+)\1/)?.[2];
  if (!boundary) return out;
  const delim = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next one
    const headEnd = part.indexOf("\r\n\r\n");
    const name = part
      .subarray(0, headEnd)
      .toString()
      .match(/name="([^"]+)"/)?.[1];
    if (name) out.set(name, part.subarray(headEnd + 4));
    pos = next;
  }
  return out;
}
