import { randomBytes } from "node:crypto";
import { MetaEngagement } from "./meta-engagement";
import { MetaPhotos } from "./meta-photos";
import { LocalFake } from "./local-fake";

/** A scripted failure the fake Graph API answers once for the next matching call. */
export type MetaFault =
  | "expired_token" // 190 / 463: session expired
  | "revoked" // 190 / 458: the user removed the app (and exchanges fail too)
  | "rate_limit" // 4: application request limit reached (no reset header)
  | "rate_limit_buc" // 80002 with X-Business-Use-Case-Usage estimated_time_to_regain_access
  | "publish_cap" // 9 / 2207042: the 24 h content publishing limit is reached
  | "media_rejected" // the container ends in ERROR (unsupported video)
  | "container_expired" // the container reports EXPIRED (as one left unpublished for 24 h does)
  | "server_error" // 500 code 2 (temporary)
  | "accept_then_500" // media_publish publishes, but the answer is a 500
  | "no_permission"; // 10: the token lacks the permission (e.g. instagram_manage_insights)

type Op =
  | "read"
  | "photo"
  | "photo_list"
  | "container"
  | "upload"
  | "status"
  | "publish"
  | "list"
  | "token"
  | "limit"
  | "reel_start"
  | "reel_finish"
  | "reel_status"
  | "comment_write"
  | "feed"
  | "feed_list";

interface Container {
  id: string;
  igUser: string;
  caption: string;
  size?: number;
  received: number;
  uploadedAt?: number;
  error?: boolean;
  /** When the container was made, on the fake's clock: unpublished after 24 h it is EXPIRED. */
  createdAt: number;
  expired?: boolean;
  held?: boolean;
  published?: string;
  imageUrl?: string;
  /** Made with is_carousel_item=true: it can only be a child of a CAROUSEL container. */
  carouselItem?: boolean;
  /** A CAROUSEL container's item containers, in order. */
  children?: string[];
}

/** A local Graph API for Instagram content publishing (resumable Reels), Facebook Login and Pages. */
export class FakeMeta extends LocalFake {
  readonly media: {
    id: string;
    igUser: string;
    caption: string;
    timestamp: Date;
    container: string;
    productType?: "REELS" | "FEED";
    mediaType?: string;
  }[] = [];
  /** Facebook Page reels: created by upload_phase=finish. */
  readonly reels: {
    id: string;
    description: string;
    created: Date;
    size: number;
    received: number;
    finishedAt?: number;
    error?: boolean;
  }[] = [];
  reelFinishCalls = 0;
  /** Metrics and comments per Instagram media / Facebook video (the read side used by fetchMetrics/fetchComments). */
  readonly engagement = new MetaEngagement();
  /** Page photos (POST/GET /{page-id}/photos). */
  readonly pagePhotos!: MetaPhotos;
  private pageTokens = new Set<string>();
  readonly calls: { method: string; path: string }[] = [];
  publishCalls = 0;
  /** The publishing cap the fake enforces and reports through content_publishing_limit. */
  quotaTotal = 50;
  /** The next this many containers stay IN_PROGRESS until releaseHeld() (a test holds a publisher mid-way). */
  holdNextContainers = 0;
  private faults: { op: Op; fault: MetaFault }[] = [];
  private containers = new Map<string, Container>();
  private tokens = new Map<string, { kind: "short" | "long"; expiresAt: number }>();
  private codes = new Map<string, string>();
  private seq = 17_900_000_000_000_000n;
  readonly page = { id: "104000000000001", name: "Example App Page" };
  readonly ig = { id: "17841400000000001", username: "exampleapp", profile_picture_url: "https://scontent.cdninstagram.com/fake.jpg" };

  constructor(readonly opts: { latencyMs?: number; processingMs?: number; appId?: string; appSecret?: string; clock?: () => number } = {}) {
    super();
    (this as { pagePhotos: MetaPhotos }).pagePhotos = new MetaPhotos(this.page.id);
    this.engagement.owners = { page: this.page, ig: this.ig };
  }

  /** The fake's idea of now for the publishing window (tests move it with the app's clock). */
  private now(): number {
    return (this.opts.clock ?? Date.now)();
  }

  /** Config overrides pointing the app at this fake. */
  env(): Record<string, string> {
    return {
      AMARKTAI_PLATFORM_META_CLIENT_ID: this.opts.appId ?? "meta-app",
      AMARKTAI_PLATFORM_META_CLIENT_SECRET: this.opts.appSecret ?? "meta-secret",
      AMARKTAI_PLATFORM_META_GRAPH_BASE: `${this.origin}/v23.0`,
      AMARKTAI_PLATFORM_META_AUTHORIZE_URL: `${this.origin}/v23.0/dialog/oauth`,
    };
  }

  /** Answers the next call of `op` with `fault`. */
  fail(op: Op, fault: MetaFault): void {
    this.faults.push({ op, fault });
  }

  /** A long-lived user token (60 days), as after a finished Facebook Login. */
  issueLongToken(): string {
    const t = `EAAG${randomBytes(16).toString("hex")}`;
    this.tokens.set(t, { kind: "long", expiresAt: Date.now() + 5_184_000_000 });
    return t;
  }

  /** Posts published in the moving 24 h window (what content_publishing_limit reports). */
  get quotaUsage(): number {
    return this.media.filter((m) => m.timestamp.getTime() > this.now() - 86_400_000).length;
  }

  private take(op: Op): MetaFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.fault;
  }

  protected async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const p = url.pathname.replace(/^\/v\d+\.\d+/, "");
    this.calls.push({ method: req.method, path: p });
    if (this.opts.latencyMs) await Bun.sleep(this.opts.latencyMs);
    if (p === "/dialog/oauth") return this.dialog(url);
    if (p === "/oauth/access_token") return this.accessToken(url);
    if (p.startsWith("/ig-api-upload/")) return this.upload(req, p.split("/").pop()!);
    if (p.startsWith("/video-upload/")) return this.reelUpload(req, p.split("/").pop()!);
    if (p === `/${this.page.id}/photos`) {
      const bad = this.pageFault(req.method === "POST" ? "photo" : "photo_list");
      if (bad) return bad;
      const lost = req.method === "POST" && this.take("photo") === "accept_then_500";
      return this.pagePhotos.handle(req, url, (t) => this.pageTokens.has(t), { lostAnswer: lost, now: new Date(this.now()) });
    }
    if (p === `/${this.page.id}/feed`) {
      const bad = this.pageFault(req.method === "POST" ? "feed" : "feed_list");
      if (bad) return bad;
      const lost = req.method === "POST" && this.take("feed") === "accept_then_500";
      return this.pagePhotos.feed(req, url, (t) => this.pageTokens.has(t), { lostAnswer: lost, now: new Date(this.now()) });
    }
    const form = req.method === "POST" ? new URLSearchParams(await req.text()) : new URLSearchParams();
    const token =
      url.searchParams.get("access_token") ??
      form.get("access_token") ??
      (req.headers.get("authorization") ?? "").replace(/^(Bearer|OAuth) /, "");
    const read =
      this.firstCommentCall(req, p, form, url, token) ??
      this.engagementCall(req, p, url, token) ??
      this.followersCall(p, url, token) ??
      this.commentCall(req, p, form, url, token);
    if (read) return read;
    if (p.startsWith(`/${this.page.id}/video_reels`) || this.reels.some((r) => `/${r.id}` === p)) {
      if (!this.pageTokens.has(token))
        return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
      return this.pageCall(req, p, form, url);
    }
    const t = this.tokens.get(token);
    if (!t || t.expiresAt < Date.now())
      return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
    if (p === "/me/accounts") return this.accounts();
    if (p === `/${this.ig.id}/media` && req.method === "POST") return this.createContainer(form, url);
    if (p === `/${this.ig.id}/media_publish` && req.method === "POST") return this.publish(form, url);
    if (p === `/${this.ig.id}/content_publishing_limit`) return this.limit();
    if (p === `/${this.ig.id}/media` && req.method === "GET") return this.list(url);
    const c = this.containers.get(p.slice(1));
    if (c) return this.status(c);
    const m = this.media.find((x) => x.id === p.slice(1));
    if (m)
      return Response.json({
        id: m.id,
        permalink: `https://www.instagram.com/reel/${m.id.slice(-11)}/`,
        ...((url.searchParams.get("fields") ?? "").includes("media_product_type") ? { media_product_type: m.productType ?? "REELS" } : {}),
      });
    return graphError(
      400,
      `Unsupported get request. Object with ID '${p.slice(1).split("/")[0]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      "GraphMethodException",
      100,
      33,
    );
  }

  /** Follower counts as the Graph API reports them: the Instagram account's and the Page's followers_count. */
  followers = { ig: 2500, page: 800 };

  /** GET /{ig-user-id}?fields=followers_count (user token) and GET /{page-id}?fields=followers_count (Page token). */
  private followersCall(p: string, url: URL, token: string): Response | undefined {
    if (!(url.searchParams.get("fields") ?? "").includes("followers_count")) return undefined;
    const page = p === `/${this.page.id}`;
    if (!page && p !== `/${this.ig.id}`) return undefined;
    if (page ? !this.pageTokens.has(token) : !this.tokens.has(token))
      return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
    const bad = page ? this.pageFault("read") : this.fault("read");
    if (bad) return bad;
    return Response.json({ id: p.slice(1), followers_count: page ? this.followers.page : this.followers.ig });
  }

  /** Writes on a comment (reply, like, hide) and an IG comment's replies; the Page token for Facebook, the user token for Instagram. */
  private commentCall(req: Request, p: string, form: URLSearchParams, url: URL, token: string): Response | undefined {
    const m = p.match(/^\/([\d_]+)(?:\/(comments|likes|replies))?$/);
    if (!m || !this.engagement.find(m[1]!)) return undefined;
    const fb = m[1]!.includes("_");
    if (fb ? !this.pageTokens.has(token) : !this.tokens.has(token))
      return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
    const bad = fb
      ? this.pageFault(req.method === "POST" ? "comment_write" : "read")
      : this.fault(req.method === "POST" ? "comment_write" : "read");
    if (bad) return bad;
    if (req.method === "GET") return m[2] === "replies" ? this.engagement.igReplies(m[1]!, url) : undefined;
    return this.engagement.write(p, form, url);
  }

  /** Comments the account wrote under its own media through POST /{ig-media-id}/comments, in order. */
  readonly firstComments: { mediaId: string; id: string; text: string }[] = [];
  /** When true, the next POST /{ig-media-id}/comments creates the comment and then answers 500 (the answer is lost). */
  loseCommentAnswer = false;

  /**
   * POST /{ig-media-id}/comments?message=: a top-level comment by the Instagram account on its own media (documented
   * answer {"id"}); message is required, a missing media answers the Graph API's (#100) unsupported request.
   */
  private firstCommentCall(req: Request, p: string, form: URLSearchParams, url: URL, token: string): Response | undefined {
    const m = p.match(/^\/(\d+)\/comments$/);
    if (!m || req.method !== "POST" || !this.media.some((x) => x.id === m[1])) return undefined;
    if (!this.tokens.has(token)) return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
    const bad = this.fault("comment_write");
    if (bad) return bad;
    const message = url.searchParams.get("message") ?? form.get("message") ?? "";
    if (!message.trim()) return graphError(400, "(#100) The parameter message is required", "OAuthException", 100);
    const id = String(this.seq++);
    this.engagement.of(m[1]!).comments.push({
      id,
      author: this.ig.username,
      authorId: this.ig.id,
      text: message,
      at: new Date(this.now()),
      likeCount: 0,
      hidden: false,
    });
    this.firstComments.push({ mediaId: m[1]!, id, text: message });
    if (this.loseCommentAnswer) {
      this.loseCommentAnswer = false;
      return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
    }
    return Response.json({ id });
  }

  /** Insights, comments and counter fields of published media and reels (page token for reels, user token for Instagram). */
  private engagementCall(req: Request, p: string, url: URL, token: string): Response | undefined {
    const m = p.match(/^\/(\d+)(?:\/(insights|comments|video_insights))?$/);
    if (!m || req.method !== "GET") return undefined;
    const [, id, edge] = m as unknown as [string, string, string | undefined];
    const reel = this.reels.find((r) => r.id === id && r.finishedAt);
    const media = this.media.find((x) => x.id === id);
    if (!reel && !media) return undefined;
    if (!edge && !(reel && /summary\(true\)|(^|,)views/.test(url.searchParams.get("fields") ?? ""))) return undefined;
    if (reel ? !this.pageTokens.has(token) : !this.tokens.has(token))
      return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
    const bad = reel ? this.pageFault("read") : this.fault("read");
    if (bad) return bad;
    if (media)
      return edge === "insights"
        ? this.engagement.igInsights(id, url, media.productType ?? "REELS")
        : edge === "comments"
          ? this.engagement.igComments(id, url)
          : undefined;
    if (edge === "comments") return this.engagement.fbComments(id, url);
    if (edge === "video_insights") return this.engagement.fbVideoInsights(id, url);
    if (edge === "insights")
      return graphError(400, "(#100) Tried accessing nonexisting field (insights) on node type (Video)", "OAuthException", 100);
    return Response.json({ id, ...this.engagement.fbVideoFields(id, url) });
  }

  private dialog(url: URL): Response {
    const q = url.searchParams;
    if (q.get("client_id") !== (this.opts.appId ?? "meta-app")) return new Response("Invalid App ID", { status: 400 });
    const code = `AQ${randomBytes(12).toString("hex")}`;
    this.codes.set(code, q.get("redirect_uri")!);
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", q.get("state") ?? "");
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private accessToken(url: URL): Response {
    const q = url.searchParams;
    if (q.get("client_id") !== (this.opts.appId ?? "meta-app") || q.get("client_secret") !== (this.opts.appSecret ?? "meta-secret")) {
      return graphError(400, "Error validating client secret.", "OAuthException", 1);
    }
    if (this.take("token") === "server_error")
      return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
    // App access token (documented: GET /oauth/access_token?client_id&client_secret&grant_type=client_credentials).
    if (q.get("grant_type") === "client_credentials")
      return Response.json({ access_token: `${q.get("client_id")}|${randomBytes(8).toString("hex")}`, token_type: "bearer" });
    if (q.get("grant_type") === "fb_exchange_token") {
      const old = this.tokens.get(q.get("fb_exchange_token") ?? "");
      if (!old || old.expiresAt < Date.now())
        return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
      return Response.json({ access_token: this.issueLongToken(), token_type: "bearer", expires_in: 5_183_944 });
    }
    const redirect = this.codes.get(q.get("code") ?? "");
    this.codes.delete(q.get("code") ?? "");
    if (!redirect || redirect !== q.get("redirect_uri"))
      return graphError(400, "This authorization code has been used.", "OAuthException", 100, 36009);
    const short = `EAAS${randomBytes(12).toString("hex")}`;
    this.tokens.set(short, { kind: "short", expiresAt: Date.now() + 3_600_000 });
    return Response.json({ access_token: short, token_type: "bearer", expires_in: 5183 });
  }

  private accounts(): Response {
    const pageToken = `EAAP${randomBytes(10).toString("hex")}`;
    this.pageTokens.add(pageToken);
    return Response.json({
      data: [
        {
          id: this.page.id,
          name: this.page.name,
          access_token: pageToken,
          picture: { data: { url: "https://scontent.xx.fbcdn.net/page.jpg" } },
          instagram_business_account: this.ig,
        },
      ],
      paging: {},
    });
  }

  /** A Page access token, as /me/accounts hands out (they do not expire). */
  issuePageToken(): string {
    const t = `EAAP${randomBytes(10).toString("hex")}`;
    this.pageTokens.add(t);
    return t;
  }

  private pageFault(op: Op): Response | undefined {
    const f = this.take(op);
    if (f === "revoked") {
      this.pageTokens.clear();
      this.tokens.clear();
      return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
    }
    if (f) this.faults.unshift({ op, fault: f });
    return this.fault(op);
  }

  private pageCall(req: Request, p: string, form: URLSearchParams, url: URL): Response {
    const get = (k: string) => form.get(k) ?? url.searchParams.get(k);
    if (p === `/${this.page.id}/video_reels` && req.method === "POST" && get("upload_phase") === "start") {
      const bad = this.pageFault("reel_start");
      if (bad) return bad;
      const id = String(this.seq++);
      this.reels.push({
        id,
        description: "",
        created: new Date(this.now()),
        size: 0,
        received: 0,
        error: this.take("reel_status") === "media_rejected",
      });
      return Response.json({ video_id: id, upload_url: `${this.origin}/video-upload/v23.0/${id}` });
    }
    if (p === `/${this.page.id}/video_reels` && req.method === "POST" && get("upload_phase") === "finish") {
      const bad = this.pageFault("reel_finish");
      if (bad) return bad;
      const r = this.reels.find((x) => x.id === get("video_id"));
      if (!r || !r.size || r.received !== r.size)
        return graphError(400, "The video was not uploaded completely", "OAuthException", 100, 1363030);
      if (r.finishedAt) return graphError(400, "The video has already been published", "OAuthException", 100, 1363040);
      if (get("video_state") !== "PUBLISHED") return graphError(400, "video_state must be PUBLISHED in this fake", "OAuthException", 100);
      this.reelFinishCalls++;
      r.description = get("description") ?? "";
      r.finishedAt = Date.now();
      r.created = new Date(this.now());
      if (this.take("reel_finish") === "accept_then_500")
        return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
      return Response.json({ success: true });
    }
    if (p === `/${this.page.id}/video_reels` && req.method === "GET") {
      const data = this.reels
        .filter((r) => r.finishedAt)
        .reverse()
        .map((r) => ({
          id: r.id,
          description: r.description,
          created_time: r.created.toISOString().replace("Z", "+0000"),
          permalink_url: `/reel/${r.id}/`,
        }));
      return Response.json({ data, paging: {} });
    }
    const r = this.reels.find((x) => `/${x.id}` === p)!;
    const done = r.finishedAt !== undefined && Date.now() - r.finishedAt >= (this.opts.processingMs ?? 0);
    const videoStatus = !r.finishedAt ? "upload_complete" : !done ? "processing" : r.error ? "error" : "ready";
    return Response.json({
      id: r.id,
      permalink_url: `/reel/${r.id}/`,
      status: {
        video_status: videoStatus,
        processing_phase: {
          status: done ? (r.error ? "error" : "complete") : "in_progress",
          ...(r.error && done ? { errors: [{ code: 1363008, message: "Video is too short: Reels must be at least 3 seconds." }] } : {}),
        },
        publishing_phase: {
          status: done && !r.error ? "complete" : "not_started",
          publish_status: done && !r.error ? "published" : "not_published",
        },
      },
    });
  }

  private async reelUpload(req: Request, id: string): Promise<Response> {
    const r = this.reels.find((x) => x.id === id);
    const auth = (req.headers.get("authorization") ?? "").replace(/^OAuth /, "");
    if (!r || !this.pageTokens.has(auth))
      return Response.json({ debug_info: { type: "ProcessingFailedError", message: "Request processing failed" } }, { status: 400 });
    const body = new Uint8Array(await req.arrayBuffer());
    if (Number(req.headers.get("offset")) !== r.received)
      return Response.json({ debug_info: { type: "ProcessingFailedError", message: "bad offset" } }, { status: 400 });
    r.size = Number(req.headers.get("file_size"));
    r.received += body.length;
    return Response.json({ success: true });
  }

  private fault(op: Op): Response | undefined {
    const f = this.take(op);
    switch (f) {
      case undefined:
        return undefined;
      case "expired_token":
        return graphError(400, "Error validating access token: Session has expired.", "OAuthException", 190, 463);
      case "revoked":
        this.tokens.clear();
        return graphError(400, "Error validating access token: The user has not authorized application.", "OAuthException", 190, 458);
      case "rate_limit":
        return graphError(400, "(#4) Application request limit reached", "OAuthException", 4);
      case "rate_limit_buc":
        return graphError(400, "(#80002) There have been too many calls to this Instagram account.", "OAuthException", 80002, undefined, {
          "x-business-use-case-usage": JSON.stringify({
            [this.ig.id]: [{ type: "instagram", call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 7 }],
          }),
        });
      case "publish_cap":
        return graphError(400, "Application request limit reached", "OAuthException", 9, 2207042);
      case "server_error":
        return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
      case "no_permission":
        return graphError(400, "(#10) Application does not have permission for this action", "OAuthException", 10);
      default:
        this.faults.unshift({ op, fault: f });
        return undefined;
    }
  }

  private createContainer(form: URLSearchParams, url: URL): Response {
    const bad = this.fault("container");
    if (bad) return bad;
    const get = (k: string) => form.get(k) ?? url.searchParams.get(k);
    const imageUrl = get("image_url");
    if (get("media_type") === "CAROUSEL") return this.carouselContainer(get("children") ?? "", get("caption") ?? "");
    if (imageUrl && !get("media_type")) return this.imageContainer(imageUrl, get("caption") ?? "", get("is_carousel_item") === "true");
    if (get("media_type") !== "REELS" || get("upload_type") !== "resumable")
      return graphError(400, "Only resumable REELS containers in this fake", "OAuthException", 100);
    if ((get("caption") ?? "").length > 2200) return graphError(400, "The caption is too long.", "OAuthException", 100, 2207040);
    const id = String(this.seq++);
    this.containers.set(id, {
      id,
      igUser: this.ig.id,
      caption: get("caption") ?? "",
      received: 0,
      ...this.statusFault(),
    });
    return Response.json({ id, uri: `${this.origin}/ig-api-upload/v23.0/${id}` });
  }

  /** An image container: Instagram pulls image_url itself, so it must be public HTTPS (the fake cannot fetch it and records it). */
  private imageContainer(imageUrl: string, caption: string, carouselItem = false): Response {
    if (!imageUrl.startsWith("https://"))
      return graphError(400, "Media download has failed. The media URI doesn't meet our requirements.", "OAuthException", 9004, 2207052);
    if (caption.length > 2200) return graphError(400, "The caption is too long.", "OAuthException", 100, 2207040);
    const id = String(this.seq++);
    this.containers.set(id, {
      id,
      igUser: this.ig.id,
      caption,
      received: 0,
      uploadedAt: Date.now() - (this.opts.processingMs ?? 0),
      imageUrl,
      carouselItem,
      ...this.statusFault(),
    });
    return Response.json({ id });
  }

  /** Item containers made with is_carousel_item=true (for assertions: a rerun must not make them again). */
  get carouselItems(): number {
    return [...this.containers.values()].filter((c) => c.carouselItem).length;
  }

  /** The image URLs of a published carousel's items, in order. */
  carouselUrlsOf(mediaId: string): string[] {
    const m = this.media.find((x) => x.id === mediaId);
    const c = m ? this.containers.get(m.container) : undefined;
    return (c?.children ?? []).map((id) => this.containers.get(id)?.imageUrl ?? "");
  }

  /**
   * A CAROUSEL container (Content Publishing guide): children is a comma-separated list of 2 to 10 item containers
   * of this account, each made with is_carousel_item=true and FINISHED; the carousel carries the caption.
   */
  private carouselContainer(childList: string, caption: string): Response {
    const ids = childList.split(",").filter(Boolean);
    if (ids.length < 2 || ids.length > 10)
      return graphError(400, `(#100) The carousel must have between 2 and 10 children; it has ${ids.length}.`, "OAuthException", 100);
    for (const id of ids) {
      const c = this.containers.get(id);
      if (!c || !c.carouselItem || c.igUser !== this.ig.id)
        return graphError(400, `(#100) Param children has an invalid item: ${id}`, "OAuthException", 100);
      if (this.isExpired(c) || c.error || c.held || !c.uploadedAt || Date.now() - c.uploadedAt < (this.opts.processingMs ?? 0))
        return graphError(400, "The media is not ready for publishing, please wait for a moment", "OAuthException", 9007, 2207027);
    }
    if (caption.length > 2200) return graphError(400, "The caption is too long.", "OAuthException", 100, 2207040);
    const id = String(this.seq++);
    this.containers.set(id, { id, igUser: this.ig.id, caption, received: 0, uploadedAt: Date.now(), children: ids, ...this.statusFault() });
    return Response.json({ id });
  }

  /** The image URL a container was made from (for assertions). */
  imageUrlOf(mediaId: string): string | undefined {
    const m = this.media.find((x) => x.id === mediaId);
    return m ? this.containers.get(m.container)?.imageUrl : undefined;
  }

  private async upload(req: Request, id: string): Promise<Response> {
    const bad = this.fault("upload");
    if (bad) return bad;
    const c = this.containers.get(id);
    const auth = (req.headers.get("authorization") ?? "").replace(/^OAuth /, "");
    if (!c || !this.tokens.has(auth))
      return Response.json({ debug_info: { type: "ProcessingFailedError", message: "Request processing failed" } }, { status: 400 });
    const offset = Number(req.headers.get("offset"));
    const size = Number(req.headers.get("file_size"));
    const body = new Uint8Array(await req.arrayBuffer());
    if (offset !== c.received || !size || offset + body.length > size)
      return Response.json({ debug_info: { type: "ProcessingFailedError", message: `bad offset ${offset}` } }, { status: 400 });
    c.size = size;
    c.received += body.length;
    if (c.received === size) c.uploadedAt = Date.now();
    return Response.json({ success: true, message: "Upload successful." });
  }

  /** A new container's scripted end (ERROR or EXPIRED), whether it is held, and its birth time. */
  private statusFault(): Pick<Container, "createdAt" | "error" | "expired" | "held"> {
    const f = this.take("status");
    const held = this.holdNextContainers > 0;
    if (held) this.holdNextContainers--;
    return { createdAt: this.now(), error: f === "media_rejected", expired: f === "container_expired", held };
  }

  /** Lets every held container finish processing. */
  releaseHeld(): void {
    for (const c of this.containers.values()) c.held = false;
  }

  /** Instagram's rule: a container not published within 24 hours expires. */
  private isExpired(c: Container): boolean {
    return !c.published && (c.expired === true || this.now() - c.createdAt >= 24 * 3600_000);
  }

  private status(c: Container): Response {
    const bad = this.fault("status");
    if (bad) return bad;
    const code = c.published
      ? "PUBLISHED"
      : this.isExpired(c)
        ? "EXPIRED"
        : !c.uploadedAt || c.held
          ? "IN_PROGRESS"
          : Date.now() - c.uploadedAt < (this.opts.processingMs ?? 0)
            ? "IN_PROGRESS"
            : c.error
              ? "ERROR"
              : "FINISHED";
    return Response.json({
      id: c.id,
      status_code: code,
      ...(code === "ERROR" ? { status: "Error: Unsupported video format (2207026)" } : {}),
    });
  }

  private publish(form: URLSearchParams, url: URL): Response {
    const bad = this.fault("publish");
    if (bad) return bad;
    const c = this.containers.get(form.get("creation_id") ?? url.searchParams.get("creation_id") ?? "");
    if (!c) return graphError(400, "Media ID is not available", "OAuthException", 9007, 2207027);
    if (c.carouselItem) return graphError(400, "(#100) A carousel item cannot be published on its own", "OAuthException", 100);
    if (c.published) return graphError(400, "The media has already been published", "OAuthException", 9007, 2207006);
    if (this.isExpired(c)) return graphError(400, "Media ID is not available", "OAuthException", 9007, 2207027);
    if (this.quotaUsage >= this.quotaTotal) return graphError(400, "Application request limit reached", "OAuthException", 9, 2207042);
    if (!c.uploadedAt || c.error || c.held || Date.now() - c.uploadedAt < (this.opts.processingMs ?? 0))
      return graphError(400, "Media ID is not available", "OAuthException", 9007, 2207027);
    this.publishCalls++;
    const id = String(this.seq++);
    c.published = id;
    this.media.push({
      id,
      igUser: c.igUser,
      caption: c.caption,
      timestamp: new Date(this.now()),
      container: c.id,
      productType: c.imageUrl || c.children ? "FEED" : "REELS",
      mediaType: c.children ? "CAROUSEL_ALBUM" : c.imageUrl ? "IMAGE" : "VIDEO",
    });
    if (this.take("publish") === "accept_then_500")
      return graphError(500, "An unexpected error has occurred. Please retry your request later.", "OAuthException", 2);
    return Response.json({ id });
  }

  private limit(): Response {
    return Response.json({ data: [{ quota_usage: this.quotaUsage, config: { quota_total: this.quotaTotal, quota_duration: 86400 } }] });
  }

  private list(url: URL): Response {
    const bad = this.fault("list");
    if (bad) return bad;
    const limit = Number(url.searchParams.get("limit") ?? 25);
    const data = [...this.media]
      .reverse()
      .slice(0, limit)
      .map((m) => ({
        id: m.id,
        caption: m.caption,
        timestamp: m.timestamp.toISOString().replace("Z", "+0000"),
        permalink: `https://www.instagram.com/reel/${m.id.slice(-11)}/`,
      }));
    return Response.json({ data, paging: {} });
  }
}

function graphError(
  status: number,
  message: string,
  type: string,
  code: number,
  subcode?: number,
  headers: Record<string, string> = {},
): Response {
  return Response.json(
    { error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(6).toString("base64url") } },
    { status, headers },
  );
}
