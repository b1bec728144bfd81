import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { imageProblems, postImage } from "../images";
import { PLATFORM_RULES } from "../rules";
import { type Connection, type PlatformAdapter, PlatformError, type PublishJournal, type RemotePost, type TokenSet } from "../types";
import { sleepFor, type Sleep } from "../wait";
import { linkedinError, linkedinFetch, littleText, plainText } from "./client";
import { linkedinFirstComment } from "./first-comment";
import { uploadLinkedInImage } from "./image";
import { carouselProblems } from "../carousel-files";
import { uploadMultiImage } from "./carousel";
import { linkedinCommentPages, linkedinComments, linkedinLikeComment, linkedinReply } from "./comments";
import { linkedinMetrics } from "./insights";

/** Largest image the upload we use takes, in bytes (the Images API limits pixels, 36,152,320, not bytes: a generous byte bound). */
const IMAGE_MAX_BYTES = 36_152_320 * 4;

interface UploadInstruction {
  uploadUrl: string;
  firstByte: number;
  lastByte: number;
}

/** The public address of a post. */
export function linkedinPermalink(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/**
 * LinkedIn (the member profile or a Page they administer) through fetch: Videos API initializeUpload, PUT each part
 * keeping ETags, finalizeUpload, poll until AVAILABLE, then POST /rest/posts (the post URN comes back in x-restli-id).
 * The connection's author URN (urn:li:person:… or urn:li:organization:…) owns the media, authors the post and is
 * the author whose recent posts reconciliation lists.
 */
export function linkedinAdapter(
  cfg: Config["platform_linkedin"],
  opts: { sleep?: Sleep; now?: () => Date; processingTimeoutMs?: number; pollMs?: number } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.linkedin;
  const author = (conn: Connection) => conn.extra.author || `urn:li:person:${conn.accountId}`;

  async function uploadVideo(
    call: ReturnType<typeof linkedinFetch>,
    conn: Connection,
    path: string,
    journal: PublishJournal,
    signal?: AbortSignal,
  ): Promise<string> {
    const file = Bun.file(path);
    const init = await call("/rest/videos?action=initializeUpload", {
      method: "POST",
      during: "starting the video upload",
      body: { initializeUploadRequest: { owner: author(conn), fileSizeBytes: file.size, uploadCaptions: false, uploadThumbnail: false } },
    });
    const v = ((await init.json()) as { value: { video: string; uploadInstructions: UploadInstruction[]; uploadToken?: string } }).value;
    const etags: string[] = [];
    for (const ins of v.uploadInstructions) {
      signal?.throwIfAborted();
      const body = await file.slice(ins.firstByte, ins.lastByte + 1).arrayBuffer();
      let res: Response;
      try {
        res = await fetch(ins.uploadUrl, { method: "PUT", headers: { "content-type": "application/octet-stream" }, body });
      } catch (e) {
        throw new PlatformError("transient", `cannot reach LinkedIn while uploading the video: ${e instanceof Error ? e.message : e}`);
      }
      if (!res.ok) throw await linkedinError(res, "uploading the video", now(), cfg.version);
      etags.push(res.headers.get("etag") ?? "");
      journal.heartbeat(`uploading to LinkedIn: ${ins.lastByte + 1}/${file.size} bytes`);
    }
    await call("/rest/videos?action=finalizeUpload", {
      method: "POST",
      during: "finishing the video upload",
      body: { finalizeUploadRequest: { video: v.video, uploadToken: v.uploadToken ?? "", uploadedPartIds: etags } },
    });
    await waitAvailable(call, v.video, journal, signal);
    return v.video;
  }

  async function waitAvailable(call: ReturnType<typeof linkedinFetch>, urn: string, journal: PublishJournal, signal?: AbortSignal) {
    const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
    for (let i = 0; ; i++) {
      const st = (
        (await (await call(`/rest/videos/${encodeURIComponent(urn)}`, { during: "checking the video" })).json()) as { status?: string }
      ).status;
      if (st === "AVAILABLE") return;
      if (st === "PROCESSING_FAILED")
        throw new PlatformError("rejected", "LinkedIn could not process the video (check its format: MP4, 3 s to 30 min)");
      if (Date.now() > deadline) throw new PlatformError("transient", "LinkedIn is still processing the video after the time limit");
      journal.heartbeat(`LinkedIn is processing the video (${st})`);
      await sleep(Math.min(20_000, (opts.pollMs ?? 5_000) * 2 ** Math.min(i, 2)), signal);
    }
  }

  return {
    id: "linkedin",
    validate(input) {
      const problems: string[] = [];
      const len = [...input.text].length;
      if (len > rules.captionMax) problems.push(`LinkedIn allows ${rules.captionMax} characters; this post has ${len}.`);
      if (input.format === "video") {
        if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
        else if (statSync(input.videoPath).size > rules.videoMaxBytes)
          problems.push("The video file is larger than LinkedIn accepts (5 GB).");
      }
      if (input.format === "image")
        problems.push(...imageProblems(input, "LinkedIn", IMAGE_MAX_BYTES, ["image/jpeg", "image/png", "image/gif"]));
      if (input.format === "carousel")
        problems.push(...carouselProblems(input, "linkedin", "LinkedIn", IMAGE_MAX_BYTES, ["image/jpeg", "image/png", "image/gif"]));
      return problems;
    },

    async publish(conn, input, journal, signal): Promise<RemotePost> {
      const call = linkedinFetch(cfg, conn.accessToken, now);
      await journal.before("prepared");
      let media = input.format === "image" ? journal.data.imageUrn : journal.data.videoUrn;
      if (input.format === "video" && input.videoPath && !media) {
        media = await uploadVideo(call, conn, input.videoPath, journal, signal);
        await journal.before("media_uploaded", { videoUrn: media });
      }
      if (input.format === "image" && !media) {
        media = await uploadLinkedInImage(cfg, call, conn.accessToken, author(conn), postImage(input)!, now(), signal);
        await journal.before("media_uploaded", { imageUrn: media });
      }
      const multi =
        input.format === "carousel"
          ? await uploadMultiImage(cfg, call, conn.accessToken, author(conn), input, journal, now, signal)
          : undefined;
      signal?.throwIfAborted();
      await journal.before("create_sent");
      const res = await call("/rest/posts", {
        method: "POST",
        during: "creating the post",
        body: {
          author: author(conn),
          commentary: littleText(input.text),
          visibility: "PUBLIC",
          distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
          ...(input.format !== "text" && media ? { content: { media: { title: input.title, id: media } } } : {}),
          ...(multi ? { content: multi } : {}),
          lifecycleState: "PUBLISHED",
          isReshareDisabledByAuthor: false,
        },
      });
      const urn = res.headers.get("x-restli-id");
      if (!urn) throw new PlatformError("transient", "LinkedIn created the post but did not say its id");
      return { remoteId: urn, permalink: linkedinPermalink(urn), text: input.text };
    },

    async recentPosts(conn, since): Promise<RemotePost[]> {
      const call = linkedinFetch(cfg, conn.accessToken, now);
      const res = await call(`/rest/posts?author=${encodeURIComponent(author(conn))}&q=author&count=50&sortBy=LAST_MODIFIED`, {
        during: "listing recent posts",
      });
      const list = ((await res.json()) as { elements?: { id: string; commentary?: string; createdAt?: number }[] }).elements ?? [];
      return list
        .map((p) => ({
          remoteId: p.id,
          permalink: linkedinPermalink(p.id),
          text: plainText(p.commentary ?? ""),
          createdAt: p.createdAt ? new Date(p.createdAt) : undefined,
        }))
        .filter((p) => !p.createdAt || p.createdAt >= since);
    },

    async refresh(conn): Promise<TokenSet> {
      if (!conn.refreshToken)
        throw new PlatformError(
          "auth_revoked",
          "LinkedIn gave this app no refresh token and the access token expired; connect LinkedIn again",
        );
      return linkedinToken(cfg, { grant_type: "refresh_token", refresh_token: conn.refreshToken }, now());
    },

    fetchMetrics: (conn, remoteId) => linkedinMetrics(cfg, conn, remoteId, now),
    fetchComments: (conn, remoteId, since) => linkedinComments(cfg, conn, remoteId, now, since),
    fetchCommentPages: (conn, remoteId, o) => linkedinCommentPages(cfg, conn, remoteId, now, o),
    replyToComment: (conn, target, text) => linkedinReply(cfg, conn, target, text, now),
    likeComment: (conn, target) => linkedinLikeComment(cfg, conn, target, now),
    // No hideComment: LinkedIn's Comments API has no hide; a Page can only delete comments, which we do not offer.
    postFirstComment: (conn, urn, text) => linkedinFirstComment(cfg, conn, urn, text, now),
  };
}

/** Calls LinkedIn's token endpoint; only invalid_grant (revoked or expired refresh token) means reconnect. */
export async function linkedinToken(cfg: Config["platform_linkedin"], form: Record<string, string>, now: Date): Promise<TokenSet> {
  let res: Response;
  try {
    res = await fetch(cfg.token_url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...form, client_id: cfg.client_id, client_secret: cfg.client_secret }),
    });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach LinkedIn's token endpoint: ${e instanceof Error ? e.message : e}`);
  }
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    expires_in?: number;
    refresh_token?: string;
    scope?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    if (body.error === "invalid_grant")
      throw new PlatformError(
        "auth_revoked",
        `LinkedIn says the permission was revoked or expired (${body.error_description ?? "invalid_grant"})`,
      );
    if (res.status >= 500) throw new PlatformError("transient", `LinkedIn's token endpoint answered ${res.status}`);
    throw new PlatformError(
      body.error === "invalid_client" ? "transient" : "rejected",
      `LinkedIn refused the token request: ${body.error_description ?? body.error ?? res.status}`,
    );
  }
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token || undefined,
    expiresAt: body.expires_in ? new Date(now.getTime() + body.expires_in * 1000) : undefined,
    scopes: body.scope ? body.scope.split(/[ ,]/).filter(Boolean) : undefined,
  };
}
