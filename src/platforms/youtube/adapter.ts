import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { PLATFORM_RULES } from "../rules";
import {
  type Connection,
  type PlatformAdapter,
  PlatformError,
  type PublishInput,
  type CreateOutcome,
  type PublishJournal,
  type RemotePost,
  type TokenSet,
} from "../types";
import { sleepFor, type Sleep } from "../wait";
import { youtubeAuth, youtubeClient, youtubeError, youtubeTokenError } from "./client";
import { youtubeComments, youtubeHide, youtubeReply } from "./comments";
import { YOUTUBE_IDS_PER_CALL, youtubeMetrics, youtubeMetricsBatch, youtubeSubscribers } from "./insights";
import { setThumbnail, THUMBNAIL_STILL_TO_DO } from "./thumbnail";

const CHUNK_UNIT = 256 * 1024;

/** The watch address of a Short. */
export function shortsUrl(id: string): string {
  return `https://www.youtube.com/shorts/${id}`;
}

const REJECTIONS: Record<string, string> = {
  duplicate: "YouTube rejected the video as a duplicate of one already on the channel",
  length: "YouTube rejected the video because it is too long",
  copyright: "YouTube rejected the video for a copyright claim",
  inappropriate: "YouTube rejected the video as inappropriate",
  termsOfUse: "YouTube rejected the video for breaking its terms of use",
  uploaderAccountSuspended: "YouTube rejected the video: the channel is suspended",
};

/**
 * YouTube Shorts through googleapis: a resumable upload session (chunks in multiples of 256 KiB, 308
 * until the last), the last chunk creates the video, then videos.list until processing ends, then the cover
 * becomes the custom thumbnail (thumbnails.set) where the channel may have one.
 */
export function youtubeAdapter(
  cfg: Config["platform_youtube"],
  opts: { sleep?: Sleep; now?: () => Date; processingTimeoutMs?: number; chunkBytes?: number; pollMs?: number } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.youtube;
  const chunk = Math.max(1, Math.round((opts.chunkBytes ?? 8 * 1024 * 1024) / CHUNK_UNIT)) * CHUNK_UNIT;
  const uploadUrl = `${cfg.api_root}/upload/youtube/v3/videos`;
  const ok308 = (s: number) => s === 308 || (s >= 200 && s < 300);

  async function startSession(auth: ReturnType<typeof youtubeAuth>, input: PublishInput, size: number): Promise<string> {
    const res = await auth.request({
      url: uploadUrl,
      method: "POST",
      params: { uploadType: "resumable", part: "snippet,status" },
      headers: {
        "X-Upload-Content-Length": String(size),
        "X-Upload-Content-Type": "video/mp4",
        "Content-Type": "application/json; charset=UTF-8",
      },
      data: {
        snippet: { title: input.title.trim(), description: input.text, categoryId: "28" },
        status: { privacyStatus: "public", selfDeclaredMadeForKids: false },
      },
    });
    const loc = res.headers.get("location");
    if (!loc) throw new PlatformError("transient", "YouTube did not return an upload address");
    return loc;
  }

  /** Where the session stands: bytes received (from the Range of a 308), or the finished video. */
  async function sessionOffset(auth: ReturnType<typeof youtubeAuth>, url: string, size: number): Promise<number> {
    const res = await auth.request({ url, method: "PUT", headers: { "Content-Range": `bytes */${size}` }, validateStatus: ok308 });
    if (res.status !== 308) return size;
    const range = res.headers.get("range");
    return range ? Number(range.split("-")[1]) + 1 : 0;
  }

  async function waitProcessed(yt: ReturnType<typeof youtubeClient>["yt"], id: string, journal: PublishJournal, signal?: AbortSignal) {
    const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
    for (let i = 0; ; i++) {
      const res = await yt.videos.list({ part: ["status", "processingDetails"], id: [id] });
      const v = res.data.items?.[0];
      const st = v?.status?.uploadStatus;
      if (st === "processed") return;
      if (st === "rejected")
        throw new PlatformError(
          "rejected",
          REJECTIONS[v?.status?.rejectionReason ?? ""] ?? `YouTube rejected the video (${v?.status?.rejectionReason})`,
        );
      if (st === "failed")
        throw new PlatformError("rejected", `YouTube could not process the video (${v?.status?.failureReason ?? "unknown reason"})`);
      if (st === "deleted") throw new PlatformError("rejected", "the video was deleted on YouTube while processing");
      if (Date.now() > deadline) return; // it exists; YouTube keeps processing on its side
      journal.heartbeat(`YouTube is processing the video (${v?.processingDetails?.processingStatus ?? st ?? "waiting"})`);
      await sleep(Math.min(20_000, (opts.pollMs ?? 5_000) * 2 ** Math.min(i, 2)), signal);
    }
  }

  return {
    id: "youtube",
    validate(input) {
      const problems: string[] = [];
      const t = [...input.title.trim()].length;
      if (t < (rules.titleMin ?? 1) || t > (rules.titleMax ?? 100))
        problems.push(`YouTube titles must be ${rules.titleMin}-${rules.titleMax} characters; this one has ${t}.`);
      if ([...input.text].length > rules.captionMax)
        problems.push(`YouTube descriptions may have ${rules.captionMax} characters; this one has ${[...input.text].length}.`);
      if (/[<>]/.test(input.title + input.text)) problems.push("YouTube does not accept < or > in titles and descriptions.");
      if (input.format !== "video") problems.push("YouTube Shorts needs a video.");
      else if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
      else if (statSync(input.videoPath).size > rules.videoMaxBytes) problems.push("The video file is larger than YouTube accepts.");
      return problems;
    },

    async publish(conn, input, journal, signal): Promise<RemotePost> {
      const { auth, yt } = youtubeClient(cfg, conn.accessToken);
      const file = Bun.file(input.videoPath!);
      const size = file.size;
      let id: string | undefined;
      try {
        await journal.before("prepared");
        // A session from an interrupted attempt is resumed where YouTube says it stands (sessions live about a day).
        let url = journal.data.uploadUrl;
        let offset = url ? await sessionOffset(auth, url, size).catch(() => -1) : -1;
        if (!url || offset < 0 || offset >= size) {
          url = await startSession(auth, input, size);
          offset = 0;
          await journal.before("prepared", { uploadUrl: url });
        }
        while (offset < size) {
          signal?.throwIfAborted();
          const end = Math.min(size, offset + chunk);
          const last = end === size;
          // The last chunk creates the video: from here on we never upload blindly again.
          // With a cover, the journal also names the thumbnail as still to do, so a publish recorded without
          // this adapter finishing (crash, reconciliation) says in the item's history that it was not set.
          if (last)
            await journal.before("create_sent", { uploadUrl: url, ...(input.coverPath ? { stillToDo: THUMBNAIL_STILL_TO_DO } : {}) });
          const body = Buffer.from(await file.slice(offset, end).arrayBuffer());
          const res = await auth.request<{ id?: string }>({
            url,
            method: "PUT",
            headers: { "Content-Range": `bytes ${offset}-${end - 1}/${size}`, "Content-Type": "video/mp4" },
            data: body,
            validateStatus: ok308,
          });
          if (res.status !== 308) {
            id = res.data.id;
            break;
          }
          const range = res.headers.get("range");
          offset = range ? Number(range.split("-")[1]) + 1 : end;
          journal.heartbeat(`uploading to YouTube: ${offset}/${size} bytes`);
        }
        if (!id) throw new PlatformError("transient", "YouTube finished the upload without a video id");
        await journal.before("remote_id_known", { remoteId: id, permalink: shortsUrl(id) });
        await waitProcessed(yt, id, journal, signal);
      } catch (e) {
        throw youtubeError(e, id ? "waiting for YouTube to process the video" : "uploading the video", now());
      }
      // The Short exists and is processed: the thumbnail comes after, and whatever YouTube answers, the post
      // stands (setThumbnail never throws; its outcome becomes a line in the item's history).
      const notes = input.coverPath ? [await setThumbnail(yt, id, input.coverPath, { rootUrl: `${cfg.api_root}/`, sleep, signal })] : [];
      return { remoteId: id, permalink: shortsUrl(id), text: input.text, notes };
    },

    /** Asks the resumable session for its status (an empty PUT whose Content-Range names only the total): 200/201 with the video when done, 308 with the Range received when not. */
    async createOutcome(conn, input, saved): Promise<CreateOutcome | undefined> {
      if (!saved.uploadUrl || !input.videoPath) return undefined;
      const { auth } = youtubeClient(cfg, conn.accessToken);
      const size = Bun.file(input.videoPath).size;
      try {
        const res = await auth.request<{ id?: string }>({
          url: saved.uploadUrl,
          method: "PUT",
          headers: { "Content-Range": `bytes */${size}` },
          validateStatus: ok308,
        });
        if (res.status === 308)
          return { kind: "not_created", why: `YouTube's upload session holds ${res.headers.get("range") ?? "no bytes"} of ${size}` };
        const id = res.data.id;
        return id ? { kind: "created", post: { remoteId: id, permalink: shortsUrl(id), text: input.text } } : undefined;
      } catch {
        return undefined; // the session expired or YouTube is unreachable: the uploads list decides
      }
    },

    async recentPosts(conn, since): Promise<RemotePost[]> {
      const { yt } = youtubeClient(cfg, conn.accessToken);
      try {
        let uploads = conn.extra.uploads;
        if (!uploads) {
          const ch = await yt.channels.list({ part: ["contentDetails"], mine: true });
          uploads = ch.data.items?.[0]?.contentDetails?.relatedPlaylists?.uploads ?? "";
        }
        const res = await yt.playlistItems.list({ part: ["snippet"], playlistId: uploads, maxResults: 50 });
        return (res.data.items ?? [])
          .map((i) => ({
            remoteId: i.snippet?.resourceId?.videoId ?? "",
            permalink: shortsUrl(i.snippet?.resourceId?.videoId ?? ""),
            text: i.snippet?.description ?? "",
            createdAt: i.snippet?.publishedAt ? new Date(i.snippet.publishedAt) : undefined,
          }))
          .filter((p) => p.remoteId && (!p.createdAt || p.createdAt >= since));
      } catch (e) {
        throw youtubeError(e, "listing the channel's uploads", now());
      }
    },

    async refresh(conn): Promise<TokenSet> {
      if (!conn.refreshToken) throw new PlatformError("auth_revoked", "there is no refresh token; connect YouTube again");
      const auth = youtubeAuth(cfg);
      auth.setCredentials({ refresh_token: conn.refreshToken });
      try {
        const { credentials } = await auth.refreshAccessToken();
        return youtubeTokens(credentials, now());
      } catch (e) {
        throw youtubeTokenError(e, now());
      }
    },

    fetchMetrics: (conn, remoteId) => youtubeMetrics(cfg, conn, remoteId, now()),
    fetchMetricsBatch: (conn, remoteIds) => youtubeMetricsBatch(cfg, conn, remoteIds, now()),
    metricsBatchSize: YOUTUBE_IDS_PER_CALL,
    fetchFollowers: (conn) => youtubeSubscribers(cfg, conn, now()),
    fetchComments: (conn, remoteId, since) => youtubeComments(cfg, conn, remoteId, now(), since),
    replyToComment: (conn, target, text) => youtubeReply(cfg, conn, target, text, now()),
    hideComment: (conn, target) => youtubeHide(cfg, conn, target, now()),
  };
}

/** Our TokenSet from google-auth-library credentials (expiry_date is wall-clock based; re-based on our clock). */
export function youtubeTokens(
  c: { access_token?: string | null; refresh_token?: string | null; expiry_date?: number | null; scope?: string },
  now: Date,
): TokenSet {
  if (!c.access_token) throw new PlatformError("transient", "Google answered without an access token");
  return {
    accessToken: c.access_token,
    refreshToken: c.refresh_token || undefined,
    expiresAt: c.expiry_date ? new Date(now.getTime() + (c.expiry_date - Date.now())) : undefined,
    scopes: c.scope ? c.scope.split(" ").filter(Boolean) : undefined,
  };
}
