import { randomBytes } from "node:crypto";
import { commentUrnOf, type FakeLinkedInComment, FakeLinkedInComments } from "./linkedin-comments";
import { type FakeShareStats, shareStatistics } from "./linkedin-share-stats";
import { faultAnswer, type LinkedInFault, liError } from "./linkedin-errors";
import { ALL_LINKEDIN_SCOPES, type FakeOrg, FakeLinkedInOrgs } from "./linkedin-orgs";
import { LocalFake } from "./local-fake";

export type { LinkedInFault } from "./linkedin-errors";

type Op = "init" | "part" | "finalize" | "create" | "list" | "token" | "status" | "read" | "comment_write";

interface Video {
  urn: string;
  owner: string;
  size: number;
  parts: { url: string; first: number; last: number; etag?: string }[];
  finalizedAt?: number;
  failed?: boolean;
}

interface Post {
  urn: string;
  author: string;
  commentary: string;
  media?: string;
  /** A multi-image post's image URNs, in order. */
  images?: string[];
  createdAt: number;
  likes?: number;
  comments?: FakeLinkedInComment[];
  /** A Page post's lifetime statistics (organizationalEntityShareStatistics). */
  stats?: FakeShareStats;
}

/** A local LinkedIn REST API (versioned /rest, Videos API, Posts API, OpenID userinfo, OAuth 2.0). */
export class FakeLinkedIn extends LocalFake {
  readonly posts: Post[] = [];
  readonly calls: { method: string; path: string; version?: string; restli?: string }[] = [];
  createCalls = 0;
  /** Refresh-token grants answered. */
  refreshes = 0;
  private faults: { op: Op; fault: LinkedInFault }[] = [];
  private videos = new Map<string, Video>();
  /** Images API uploads: urn -> owner and the bytes received (undefined until the PUT). */
  readonly images = new Map<string, { owner: string; bytes?: number; type?: string }>();
  /** Access token -> expiry and granted scopes; refresh token -> granted scopes. */
  private access = new Map<string, { exp: number; scopes: string[] }>();
  private refresh = new Map<string, string[]>();
  private codes = new Map<string, { redirect: string; scopes: string[] }>();
  private seq = 7_200_000_000_000_000_000n;
  readonly member = { sub: "aB3dEf9Hij", name: "Ada Example", picture: "https://media.licdn.com/dms/image/fake.jpg" };
  readonly partSize: number;
  /** The Pages the member has a role on (none unless given). */
  readonly orgs: FakeLinkedInOrgs;
  /** The Comments and Reactions APIs (comment pages, nested replies, likes). */
  readonly comments = new FakeLinkedInComments(this.posts, () => String(this.seq++));

  /**
   * appScopes: what the app's products allow (asking for more fails the sign-in with unauthorized_scope_error);
   * grantedScopes: what the token endpoint grants of those asked for (default all), e.g. without the organization ones.
   */
  constructor(
    readonly opts: {
      latencyMs?: number;
      processingMs?: number;
      partSize?: number;
      clientId?: string;
      clientSecret?: string;
      orgs?: FakeOrg[];
      appScopes?: string[];
      grantedScopes?: string[];
      /** The app may use the client credentials flow (LinkedIn enables it per app; off by default). */
      clientCredentials?: boolean;
    } = {},
  ) {
    super();
    this.partSize = opts.partSize ?? 4 * 1024 * 1024;
    this.orgs = new FakeLinkedInOrgs(opts.orgs ?? [], `urn:li:person:${this.member.sub}`);
  }

  /** Config overrides pointing the app at this fake. */
  env(): Record<string, string> {
    return {
      AMARKTAI_PLATFORM_LINKEDIN_CLIENT_ID: this.opts.clientId ?? "li-client",
      AMARKTAI_PLATFORM_LINKEDIN_CLIENT_SECRET: this.opts.clientSecret ?? "li-secret",
      AMARKTAI_PLATFORM_LINKEDIN_API_BASE: this.origin,
      AMARKTAI_PLATFORM_LINKEDIN_AUTHORIZE_URL: `${this.origin}/oauth/v2/authorization`,
      AMARKTAI_PLATFORM_LINKEDIN_TOKEN_URL: `${this.origin}/oauth/v2/accessToken`,
    };
  }

  /** Answers the next call of `op` with `fault`. */
  fail(op: Op, fault: LinkedInFault): void {
    this.faults.push({ op, fault });
  }

  /** Issues tokens directly (as after a consent). */
  issueTokens(scopes = ALL_LINKEDIN_SCOPES): { accessToken: string; refreshToken: string; expiresIn: number; scopes: string[] } {
    const accessToken = `AQV${randomBytes(12).toString("hex")}`;
    const refreshToken = `AQX${randomBytes(12).toString("hex")}`;
    this.access.set(accessToken, { exp: Date.now() + 5_184_000_000, scopes });
    this.refresh.set(refreshToken, scopes);
    return { accessToken, refreshToken, expiresIn: 5_184_000, scopes };
  }

  /** Whether an access token is still accepted. */
  accepts(accessToken: string): boolean {
    return (this.access.get(accessToken)?.exp ?? 0) > Date.now();
  }

  private take(op: Op): LinkedInFault | undefined {
    const i = this.faults.findIndex((f) => f.op === op);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]!.fault;
  }

  protected async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const p = url.pathname;
    this.calls.push({
      method: req.method,
      path: p,
      version: req.headers.get("linkedin-version") ?? undefined,
      restli: req.headers.get("x-restli-protocol-version") ?? undefined,
    });
    if (this.opts.latencyMs) await Bun.sleep(this.opts.latencyMs);
    if (p === "/oauth/v2/authorization") return this.authorize(url);
    if (p === "/oauth/v2/accessToken" && req.method === "POST") return this.token(req);
    if (p.startsWith("/upload/")) return this.part(req, url);
    const tok = (req.headers.get("authorization") ?? "").replace(/^Bearer /, "");
    const grant = this.access.get(tok);
    if (!grant || grant.exp < Date.now())
      return liError(401, "Invalid access token", { serviceErrorCode: 65600, code: "INVALID_ACCESS_TOKEN" });
    if (p.startsWith("/upload-image/") && req.method === "PUT")
      return this.putImage(req, decodeURIComponent(p.slice("/upload-image/".length)));
    if (p === "/v2/userinfo")
      return Response.json({
        sub: this.member.sub,
        name: this.member.name,
        picture: this.member.picture,
        email_verified: true,
        locale: { country: "US", language: "en" },
      });
    if (!p.startsWith("/rest/")) return liError(404, `no route ${p}`);
    if (!/^\d{6}$/.test(req.headers.get("linkedin-version") ?? ""))
      return liError(400, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", {
        code: "VERSION_MISSING",
      });
    if (req.headers.get("x-restli-protocol-version") !== "2.0.0")
      return liError(400, "X-Restli-Protocol-Version 2.0.0 is required by this fake");
    const org = this.orgs.route(req, url, grant.scopes);
    if (org) return org;
    if (p === "/rest/videos" && url.searchParams.get("action") === "initializeUpload") return this.init(req);
    if (p === "/rest/images" && url.searchParams.get("action") === "initializeUpload") return this.initImage(req);
    if (p.startsWith("/rest/images/") && req.method === "GET") return this.imageStatus(decodeURIComponent(p.slice("/rest/images/".length)));
    if (p === "/rest/videos" && url.searchParams.get("action") === "finalizeUpload") return this.finalize(req);
    if (p.startsWith("/rest/videos/") && req.method === "GET") return this.videoStatus(decodeURIComponent(p.slice("/rest/videos/".length)));
    if (p === "/rest/posts" && req.method === "POST") return this.create(req, grant.scopes);
    if (p === "/rest/posts" && req.method === "GET") return this.list(url, grant.scopes);
    if (p === "/rest/organizationalEntityShareStatistics" && req.method === "GET")
      return this.fault("read") ?? shareStatistics(url, grant.scopes, this.orgs.list, this.posts);
    const sa = p.match(/^\/rest\/socialActions\/([^/]+)(\/comments)?$/);
    if (sa && req.method === "GET") return this.fault("read") ?? this.socialActions(decodeURIComponent(sa[1]!), !!sa[2], url);
    const may = (actor: string) => (actor === `urn:li:person:${this.member.sub}` ? undefined : this.orgs.mayPost(actor, grant.scopes));
    if (sa?.[2] && req.method === "POST") return this.fault("comment_write") ?? this.createComment(decodeURIComponent(sa[1]!), req, may);
    if (p === "/rest/reactions" && req.method === "POST") return this.fault("comment_write") ?? this.comments.react(url, req, may);
    return liError(404, `no route ${req.method} ${p}`);
  }

  private authorize(url: URL): Response {
    const q = url.searchParams;
    if (q.get("response_type") !== "code" || q.get("client_id") !== (this.opts.clientId ?? "li-client"))
      return new Response("invalid client", { status: 400 });
    const back = new URL(q.get("redirect_uri")!);
    back.searchParams.set("state", q.get("state") ?? "");
    const scopes = (q.get("scope") ?? "").split(" ").filter(Boolean);
    const unknown = scopes.find((s) => !(this.opts.appScopes ?? ALL_LINKEDIN_SCOPES).includes(s));
    if (unknown) {
      back.searchParams.set("error", "unauthorized_scope_error");
      back.searchParams.set("error_description", `Scope "${unknown}" is not authorized for your application`);
      return new Response(null, { status: 302, headers: { location: back.toString() } });
    }
    const code = `AQT${randomBytes(10).toString("hex")}`;
    this.codes.set(code, {
      redirect: q.get("redirect_uri")!,
      scopes: scopes.filter((s) => !this.opts.grantedScopes || this.opts.grantedScopes.includes(s)),
    });
    back.searchParams.set("code", code);
    return new Response(null, { status: 302, headers: { location: back.toString() } });
  }

  private async token(req: Request): Promise<Response> {
    const f = new URLSearchParams(await req.text());
    if (f.get("client_id") !== (this.opts.clientId ?? "li-client") || f.get("client_secret") !== (this.opts.clientSecret ?? "li-secret")) {
      return Response.json({ error: "invalid_client", error_description: "Client authentication failed" }, { status: 401 });
    }
    if (this.take("token") === "server_error") return liError(503, "Service unavailable");
    if (f.get("grant_type") === "authorization_code") {
      const pending = this.codes.get(f.get("code") ?? "");
      this.codes.delete(f.get("code") ?? "");
      if (!pending || pending.redirect !== f.get("redirect_uri"))
        return Response.json(
          {
            error: "invalid_request",
            error_description:
              "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.",
          },
          { status: 400 },
        );
      const t = this.issueTokens(pending.scopes);
      return Response.json({
        access_token: t.accessToken,
        expires_in: t.expiresIn,
        refresh_token: t.refreshToken,
        refresh_token_expires_in: 31_536_000,
        scope: t.scopes.join(","),
      });
    }
    if (f.get("grant_type") === "refresh_token") {
      const scopes = this.refresh.get(f.get("refresh_token") ?? "");
      if (!scopes)
        return Response.json(
          {
            error: "invalid_grant",
            error_description: "The provided authorization grant or refresh token is invalid, expired or revoked.",
          },
          { status: 400 },
        );
      const accessToken = `AQV${randomBytes(12).toString("hex")}`;
      this.access.set(accessToken, { exp: Date.now() + 5_184_000_000, scopes });
      this.refreshes++;
      // LinkedIn returns the same refresh token (its lifetime is not extended).
      return Response.json({
        access_token: accessToken,
        expires_in: 5_184_000,
        refresh_token: f.get("refresh_token"),
        refresh_token_expires_in: 30_000_000,
        scope: scopes.join(","),
      });
    }
    // 2-legged OAuth (documented: grant_type=client_credentials, a 30-minute application token) where the app has it.
    if (f.get("grant_type") === "client_credentials" && this.opts.clientCredentials)
      return Response.json({ access_token: `AQX${randomBytes(12).toString("hex")}`, expires_in: 1799 });
    return Response.json({ error: "unsupported_grant_type" }, { status: 400 });
  }

  private fault(op: Op): Response | undefined {
    const f = this.take(op);
    if (f === "revoked") {
      this.access.clear();
      this.refresh.clear();
    }
    const answer = f && faultAnswer(f);
    if (f && !answer) this.faults.unshift({ op, fault: f });
    return answer;
  }

  private async init(req: Request): Promise<Response> {
    const bad = this.fault("init");
    if (bad) return bad;
    const body = (await req.json()) as { initializeUploadRequest?: { owner?: string; fileSizeBytes?: number } };
    const r = body.initializeUploadRequest;
    if (!r?.owner || !r.fileSizeBytes) return liError(422, "owner and fileSizeBytes are required", { code: "FIELD_VALUE_INVALID" });
    const urn = `urn:li:video:D5${randomBytes(8).toString("hex").toUpperCase()}`;
    const parts: Video["parts"] = [];
    for (let first = 0; first < r.fileSizeBytes; first += this.partSize) {
      const last = Math.min(r.fileSizeBytes, first + this.partSize) - 1;
      parts.push({ url: `${this.origin}/upload/${encodeURIComponent(urn)}/${parts.length}`, first, last });
    }
    const failed = this.take("status") === "processing_failed";
    this.videos.set(urn, { urn, owner: r.owner, size: r.fileSizeBytes, parts, failed });
    return Response.json({
      value: {
        uploadUrlsExpireAt: Date.now() + 3600_000,
        video: urn,
        uploadInstructions: parts.map((p) => ({ uploadUrl: p.url, firstByte: p.first, lastByte: p.last })),
        uploadToken: "",
      },
    });
  }

  /** POST /rest/images?action=initializeUpload: one upload URL for the whole image. */
  private async initImage(req: Request): Promise<Response> {
    const bad = this.fault("init");
    if (bad) return bad;
    const owner = ((await req.json()) as { initializeUploadRequest?: { owner?: string } }).initializeUploadRequest?.owner;
    if (!owner) return liError(422, "owner is required", { code: "FIELD_VALUE_INVALID" });
    const urn = `urn:li:image:C4${randomBytes(8).toString("hex").toUpperCase()}`;
    this.images.set(urn, { owner });
    return Response.json({
      value: { uploadUrlExpiresAt: Date.now() + 3600_000, uploadUrl: `${this.origin}/upload-image/${encodeURIComponent(urn)}`, image: urn },
    });
  }

  private async putImage(req: Request, urn: string): Promise<Response> {
    const bad = this.fault("part");
    if (bad) return bad;
    const img = this.images.get(urn);
    if (!img) return new Response("not found", { status: 404 });
    const body = new Uint8Array(await req.arrayBuffer());
    if (!body.length) return liError(400, "empty upload");
    img.bytes = body.length;
    img.type = req.headers.get("content-type") ?? "";
    return new Response(null, { status: 201 });
  }

  private imageStatus(urn: string): Response {
    const img = this.images.get(urn);
    if (!img) return liError(404, "image not found");
    return Response.json({ id: urn, owner: img.owner, status: img.bytes === undefined ? "WAITING_UPLOAD" : "AVAILABLE" });
  }

  private async part(req: Request, url: URL): Promise<Response> {
    const bad = this.fault("part");
    if (bad) return bad;
    const [, , urnEnc, idx] = url.pathname.split("/");
    const v = this.videos.get(decodeURIComponent(urnEnc ?? ""));
    const part = v?.parts[Number(idx)];
    if (!v || !part || req.method !== "PUT") return new Response("not found", { status: 404 });
    const body = new Uint8Array(await req.arrayBuffer());
    if (body.length !== part.last - part.first + 1)
      return new Response(`part ${idx} must be ${part.last - part.first + 1} bytes`, { status: 400 });
    part.etag = `/ETag-${randomBytes(6).toString("hex")}`;
    return new Response(null, { status: 200, headers: { etag: part.etag } });
  }

  private async finalize(req: Request): Promise<Response> {
    const bad = this.fault("finalize");
    if (bad) return bad;
    const body = (await req.json()) as { finalizeUploadRequest?: { video?: string; uploadedPartIds?: string[] } };
    const v = this.videos.get(body.finalizeUploadRequest?.video ?? "");
    if (!v) return liError(404, "video not found");
    const want = v.parts.map((p) => p.etag);
    if (JSON.stringify(want) !== JSON.stringify(body.finalizeUploadRequest?.uploadedPartIds))
      return liError(400, "uploadedPartIds do not match the uploaded parts", { code: "FIELD_VALUE_INVALID" });
    v.finalizedAt = Date.now();
    return new Response(null, { status: 200 });
  }

  private videoStatus(urn: string): Response {
    const v = this.videos.get(urn);
    if (!v) return liError(404, "video not found");
    const status = !v.finalizedAt
      ? "WAITING_UPLOAD"
      : Date.now() - v.finalizedAt < (this.opts.processingMs ?? 0)
        ? "PROCESSING"
        : v.failed
          ? "PROCESSING_FAILED"
          : "AVAILABLE";
    return Response.json({ id: v.urn, owner: v.owner, status, duration: 12000, aspectRatioWidth: 9, aspectRatioHeight: 16 });
  }

  private async create(req: Request, scopes: string[]): Promise<Response> {
    const body = (await req.json()) as {
      author?: string;
      commentary?: string;
      content?: { media?: { id?: string }; multiImage?: { images?: { id?: string; altText?: string }[] } };
      lifecycleState?: string;
      visibility?: string;
    };
    const bad = this.fault("create");
    if (bad) return bad;
    if (!body.author || body.lifecycleState !== "PUBLISHED" || !body.visibility)
      return liError(422, "author, visibility and lifecycleState are required", { code: "FIELD_VALUE_INVALID" });
    const forbidden = this.orgs.mayPost(body.author, scopes);
    if (forbidden) return forbidden;
    const media = body.content?.media?.id;
    const ready = media?.startsWith("urn:li:image:")
      ? this.images.get(media)?.bytes !== undefined
      : this.videos.get(media ?? "")?.finalizedAt !== undefined;
    if (media && !ready) return liError(422, `media ${media} is not uploaded`, { code: "FIELD_VALUE_INVALID" });
    const multi = body.content?.multiImage ? this.multiImageProblem(body.author, body.content.multiImage.images ?? []) : undefined;
    if (multi) return multi;
    this.createCalls++;
    const dupe = this.posts.find((p) => p.author === body.author && p.commentary === body.commentary);
    if (dupe) return liError(422, `Content is a duplicate of ${dupe.urn}`, { code: "DUPLICATE_POST" });
    const urn = `urn:li:share:${this.seq++}`;
    const images = body.content?.multiImage?.images?.map((i) => i.id!);
    this.posts.push({ urn, author: body.author, commentary: body.commentary ?? "", media, images, createdAt: Date.now() });
    if (this.take("create") === "accept_then_503") return liError(503, "Service unavailable");
    return new Response(null, { status: 201, headers: { "x-restli-id": urn } });
  }

  /**
   * content.multiImage as the MultiImage API documents it: 2 to 20 images, each uploaded through the Images API and
   * owned by the post's author.
   */
  private multiImageProblem(author: string, images: { id?: string }[]): Response | undefined {
    if (images.length < 2 || images.length > 20)
      return liError(422, `/content/multiImage/images must have between 2 and 20 items; it has ${images.length}`, {
        code: "FIELD_VALUE_INVALID",
      });
    for (const i of images) {
      const img = this.images.get(i.id ?? "");
      if (!img || img.bytes === undefined) return liError(422, `media ${i.id} is not uploaded`, { code: "FIELD_VALUE_INVALID" });
      if (img.owner !== author) return liError(403, `The author does not own the image ${i.id}`, { code: "ACCESS_DENIED" });
    }
    return undefined;
  }

  /** The image URNs of a multi-image post, in order (for assertions). */
  imagesOf(urn: string): string[] {
    return this.posts.find((p) => p.urn === urn)?.images ?? [];
  }

  /** Adds a comment by a member to one of our posts (a reply when `parent`, a comment URN, is given); returns its comment URN. */
  addComment(urn: string, text: string, at = Date.now(), actor = "urn:li:person:commenter1", parent?: string): string {
    const post = this.posts.find((x) => x.urn === urn)!;
    const id = String(this.seq++);
    (post.comments ??= []).push({ id, actor, text, at, parent });
    return commentUrnOf(urn, id);
  }

  /** Removes a comment (as its author deleting it). */
  removeComment(commentUrn: string): void {
    const found = this.comments.find(commentUrn);
    if (found) found.post.comments = found.post.comments!.filter((c) => c !== found.comment);
  }

  /** When true, the next comment create stores the comment and then answers 503 (the answer is lost). */
  loseCommentAnswer = false;

  /** POST /rest/socialActions/{urn}/comments (a comment or a reply: see FakeLinkedInComments.create), losing the answer when asked. */
  private async createComment(target: string, req: Request, may: (actor: string) => Response | undefined): Promise<Response> {
    const res = await this.comments.create(target, req, may);
    if (res.status === 201 && this.loseCommentAnswer) {
      this.loseCommentAnswer = false;
      return liError(503, "Service unavailable");
    }
    return res;
  }

  /** Sets how many members liked a post. */
  setLikes(urn: string, n: number): void {
    this.posts.find((x) => x.urn === urn)!.likes = n;
  }

  /** GET /rest/socialActions/{urn} (likes and comments summaries) and /rest/socialActions/{urn}/comments (paged). */
  private socialActions(urn: string, comments: boolean, url: URL): Response {
    if (comments) return this.comments.list(urn, url);
    const post = this.posts.find((x) => x.urn === urn);
    if (!post) return liError(404, `Not Found: ${urn}`, { code: "NOT_FOUND" });
    const first = (post.comments ?? []).filter((c) => !c.parent).length;
    const all = post.comments?.length ?? 0;
    return Response.json({
      likesSummary: { selectedLikes: [], aggregatedTotalLikes: post.likes ?? 0, likedByCurrentUser: false, totalLikes: post.likes ?? 0 },
      commentsSummary: { selectedComments: [], totalFirstLevelComments: first, aggregatedTotalComments: all },
      target: urn,
      $URN: `urn:li:socialActions:${urn}`,
    });
  }

  private list(url: URL, scopes: string[]): Response {
    const bad = this.fault("list");
    if (bad) return bad;
    if (url.searchParams.get("q") !== "author") return liError(400, "q=author is required");
    const author = url.searchParams.get("author") ?? "";
    const forbidden = this.orgs.mayList(author, scopes);
    if (forbidden) return forbidden;
    const count = Number(url.searchParams.get("count") ?? 10);
    const elements = this.posts
      .filter((p) => p.author === author)
      .reverse()
      .slice(0, count)
      .map((p) => ({
        id: p.urn,
        author: p.author,
        commentary: p.commentary,
        createdAt: p.createdAt,
        lastModifiedAt: p.createdAt,
        lifecycleState: "PUBLISHED",
        visibility: "PUBLIC",
      }));
    return Response.json({ paging: { start: 0, count, links: [] }, elements });
  }
}
