import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { imageMime, imageProblems, postImage } from "../images";
import { PLATFORM_RULES, weightedLength } from "../rules";
import {
  type Connection,
  type PlatformAdapter,
  PlatformError,
  type PublishInput,
  type PublishJournal,
  type RemotePost,
  type TokenSet,
} from "../types";
import { sleepFor, type Sleep } from "../wait";
import { appendSegment, FORM, type XTokenAnswer, xAppClient, xUserClient } from "./client";
import { xError, xTokenError } from "./errors";
import { publishThread, threadOutcome, threadProblems } from "./thread";
import { xCommentPages, xComments, xReply } from "./comments";
import { X_IDS_PER_CALL, xFollowers, xMetrics, xMetricsBatch } from "./insights";

/** Largest image the upload we use takes, in bytes (media upload, tweet_image). */
const IMAGE_MAX_BYTES = 5 * 1024 ** 2;

interface ProcessingInfo {
  state: "pending" | "in_progress" | "succeeded" | "failed";
  check_after_secs?: number;
  error?: { message?: string; name?: string };
}

/** X through twitter-api-v2: media upload v2 (initialize, append, finalize, status), then POST /2/tweets. */
export function xAdapter(
  cfg: Config["platform_x"],
  opts: { sleep?: Sleep; processingTimeoutMs?: number; now?: () => Date } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.x;

  /** Media upload v2 for a video (tweet_video) or an image (tweet_image): initialize, append segments, finalize, wait. */
  async function uploadMedia(
    v2: ReturnType<typeof xUserClient>,
    path: string,
    kind: "video" | "image",
    journal: PublishJournal,
    signal?: AbortSignal,
  ): Promise<string> {
    const file = Bun.file(path);
    const size = file.size;
    let id: string;
    try {
      const type =
        kind === "video"
          ? { media_type: "video/mp4", media_category: "tweet_video" }
          : { media_type: imageMime(path), media_category: "tweet_image" };
      const init = await v2.post<{ data: { id: string } }>("media/upload/initialize", { ...type, total_bytes: size });
      id = init.data.id;
      const chunk = cfg.upload_chunk_bytes;
      for (let i = 0, off = 0; off < size; i++, off += chunk) {
        signal?.throwIfAborted();
        const seg = appendSegment(i, new Uint8Array(await file.slice(off, Math.min(size, off + chunk)).arrayBuffer()));
        await v2.post(`media/upload/${id}/append`, seg.body, seg.args);
        journal.heartbeat(`uploading to X: ${Math.min(size, off + chunk)}/${size} bytes`);
      }
      const fin = await v2.post<{ data: { processing_info?: ProcessingInfo } }>(`media/upload/${id}/finalize`);
      await waitProcessed(v2, id, fin.data.processing_info, journal, signal);
    } catch (e) {
      throw xError(e, `uploading the ${kind}`);
    }
    return id;
  }

  async function waitProcessed(
    v2: ReturnType<typeof xUserClient>,
    id: string,
    info: ProcessingInfo | undefined,
    journal: PublishJournal,
    signal?: AbortSignal,
  ) {
    const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
    while (info && info.state !== "succeeded") {
      if (info.state === "failed")
        throw new PlatformError(
          "rejected",
          `X could not process the video: ${info.error?.message ?? info.error?.name ?? "unknown reason"}`,
        );
      if (Date.now() > deadline) throw new PlatformError("transient", "X is still processing the video after the time limit");
      journal.heartbeat(`X is processing the video (${info.state})`);
      await sleep(Math.max(1, info.check_after_secs ?? 5) * 1000, signal);
      const st = await v2.get<{ data: { processing_info?: ProcessingInfo } }>("media/upload", { command: "STATUS", media_id: id });
      info = st.data.processing_info;
    }
  }

  return {
    id: "x",
    validate(input: PublishInput): string[] {
      const problems: string[] = [];
      const len = weightedLength(input.text);
      if (len > rules.captionMax) problems.push(`X allows ${rules.captionMax} characters (links count 23); this post has ${len}.`);
      if (input.format === "thread") return threadProblems(input, rules.captionMax, weightedLength);
      if (input.format === "image")
        problems.push(...imageProblems(input, "X", IMAGE_MAX_BYTES, ["image/jpeg", "image/png", "image/webp", "image/gif"]));
      if (input.format === "video") {
        if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
        else if (statSync(input.videoPath).size > rules.videoMaxBytes)
          problems.push(`X accepts videos up to ${rules.videoMaxBytes / 1024 ** 2} MB.`);
      }
      return problems;
    },

    async publish(conn: Connection, input: PublishInput, journal: PublishJournal, signal?: AbortSignal): Promise<RemotePost> {
      const v2 = xUserClient(cfg, conn.accessToken);
      await journal.before("prepared");
      if (input.format === "thread") return publishThread(v2, conn.accountId, input, journal, now, (id) => permalink(conn, id), signal);
      let mediaId = journal.data.mediaId;
      // An uploaded media id stays usable for a day; reuse it after an interruption instead of uploading again.
      const fresh = mediaId && journal.data.mediaAt && now().getTime() - Number(journal.data.mediaAt) < 20 * 60 * 60_000;
      const media = input.format === "video" ? input.videoPath : input.format === "image" ? postImage(input) : undefined;
      if (media && !fresh) {
        mediaId = await uploadMedia(v2, media, input.format === "video" ? "video" : "image", journal, signal);
        await journal.before("media_uploaded", { mediaId, mediaAt: String(now().getTime()) });
      }
      signal?.throwIfAborted();
      await journal.before("create_sent");
      try {
        const res = await v2.tweet({ text: input.text, ...(media && mediaId ? { media: { media_ids: [mediaId] } } : {}) });
        return { remoteId: res.data.id, permalink: permalink(conn, res.data.id), text: res.data.text };
      } catch (e) {
        throw xError(e, "creating the post");
      }
    },

    async createOutcome(conn, input, saved) {
      // Only a thread keeps enough in the journal to say; a single post is found again by recentPosts.
      if (input.format !== "thread") return undefined;
      return threadOutcome(xUserClient(cfg, conn.accessToken), conn.accountId, input, saved, now(), (id) => permalink(conn, id));
    },

    async recentPosts(conn: Connection, since: Date): Promise<RemotePost[]> {
      const v2 = xUserClient(cfg, conn.accessToken);
      try {
        const res = await v2.get<{
          data?: { id: string; text: string; created_at?: string; entities?: { urls?: { expanded_url?: string }[] } }[];
        }>(`users/${conn.accountId}/tweets`, {
          start_time: since.toISOString(),
          max_results: 100,
          "tweet.fields": "created_at,entities",
        });
        return (res.data ?? []).map((t) => ({
          remoteId: t.id,
          permalink: permalink(conn, t.id),
          text: [t.text, ...(t.entities?.urls ?? []).map((u) => u.expanded_url ?? "")].join(" "),
          createdAt: t.created_at ? new Date(t.created_at) : undefined,
        }));
      } catch (e) {
        throw xError(e, "listing recent posts");
      }
    },

    async refresh(conn: Connection): Promise<TokenSet> {
      if (!conn.refreshToken) throw new PlatformError("auth_revoked", "there is no refresh token; connect X again");
      try {
        const t = await xAppClient(cfg).post<XTokenAnswer>(
          cfg.token_url,
          { refresh_token: conn.refreshToken, grant_type: "refresh_token", client_id: cfg.client_id },
          FORM,
        );
        return xTokens(t, now());
      } catch (e) {
        throw xTokenError(e);
      }
    },

    fetchMetrics: (conn, remoteId) => xMetrics(cfg, conn, remoteId, now()),
    fetchMetricsBatch: (conn, remoteIds) => xMetricsBatch(cfg, conn, remoteIds, now()),
    metricsBatchSize: X_IDS_PER_CALL,
    fetchFollowers: (conn) => xFollowers(cfg, conn, now()),
    fetchComments: (conn, remoteId, since) => xComments(cfg, conn, remoteId, since),
    fetchCommentPages: (conn, remoteId, o) => xCommentPages(cfg, conn, remoteId, o, now),
    replyToComment: (conn, target, text) => xReply(cfg, conn, target, text),
  };
}

/** The TokenSet of a token answer (a missing refresh token keeps the stored one). */
export function xTokens(t: XTokenAnswer, now: Date): TokenSet {
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token || undefined,
    expiresAt: t.expires_in ? new Date(now.getTime() + t.expires_in * 1000) : undefined,
    scopes: t.scope ? t.scope.split(" ").filter(Boolean) : undefined,
  };
}

function permalink(conn: Connection, id: string): string {
  return conn.extra.username ? `https://x.com/${conn.extra.username}/status/${id}` : `https://x.com/i/web/status/${id}`;
}
