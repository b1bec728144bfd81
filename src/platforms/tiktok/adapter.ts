import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { PLATFORM_RULES } from "../rules";
import { type CreateOutcome, type PlatformAdapter, PlatformError, type RemotePost, type TokenSet } from "../types";
import { sleepFor, type Sleep } from "../wait";
import { tiktokCall, tiktokError, tiktokToken } from "./client";
import { TIKTOK_IDS_PER_CALL, tiktokFollowers, tiktokMetrics, tiktokMetricsBatch } from "./insights";

const MB = 1024 * 1024;

/** TikTok's chunking rule: under 5 MB one chunk; else chunks of `size`, the remainder riding on the last one. */
export function tiktokChunks(videoSize: number, size: number): { chunkSize: number; count: number } {
  if (videoSize < 5 * MB) return { chunkSize: videoSize, count: 1 };
  const chunkSize = Math.min(size, videoSize);
  return { chunkSize, count: Math.max(1, Math.floor(videoSize / chunkSize)) };
}

/**
 * TikTok Content Posting API with fetch: creator_info/query (privacy options), video/init with
 * FILE_UPLOAD (no public URL needed), PUT chunks with Content-Range (the last completes the post),
 * then status/fetch until PUBLISH_COMPLETE. Posts are marked AI-generated (is_aigc).
 */
export function tiktokAdapter(
  cfg: Config["platform_tiktok"],
  opts: { sleep?: Sleep; now?: () => Date; processingTimeoutMs?: number; pollMs?: number } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.tiktok;

  return {
    id: "tiktok",
    validate(input) {
      const problems: string[] = [];
      const len = [...input.text].length;
      if (len > rules.captionMax) problems.push(`TikTok allows ${rules.captionMax} characters; this caption has ${len}.`);
      if (input.format !== "video")
        problems.push(
          "This app posts videos to TikTok (its photo posts can only be pulled from a verified domain); export the item and post it by hand.",
        );
      else if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
      else if (statSync(input.videoPath).size > rules.videoMaxBytes) problems.push("The video file is larger than TikTok accepts (4 GB).");
      return problems;
    },

    async publish(conn, input, journal, signal): Promise<RemotePost> {
      const call = tiktokCall(cfg, conn.accessToken, now);
      await journal.before("prepared");
      const creator = await call<{
        creator_username?: string;
        privacy_level_options?: string[];
        comment_disabled?: boolean;
        duet_disabled?: boolean;
        stitch_disabled?: boolean;
      }>("/v2/post/publish/creator_info/query/", {}, "reading the creator's settings");
      if (!creator.privacy_level_options?.includes(cfg.privacy_level)) {
        throw new PlatformError(
          "rejected",
          `this TikTok account does not offer the privacy level ${cfg.privacy_level} (it offers ${creator.privacy_level_options?.join(", ") || "none"}); change platform_tiktok.privacy_level`,
        );
      }
      const file = Bun.file(input.videoPath!);
      const { chunkSize, count } = tiktokChunks(file.size, cfg.chunk_bytes);
      const init = await call<{ publish_id: string; upload_url: string }>(
        "/v2/post/publish/video/init/",
        {
          post_info: {
            title: input.text,
            privacy_level: cfg.privacy_level,
            disable_comment: !!creator.comment_disabled,
            disable_duet: !!creator.duet_disabled,
            disable_stitch: !!creator.stitch_disabled,
            is_aigc: true,
          },
          source_info: { source: "FILE_UPLOAD", video_size: file.size, chunk_size: chunkSize, total_chunk_count: count },
        },
        "starting the upload",
      );
      await journal.before("media_uploaded", { publishId: init.publish_id });
      for (let i = 0; i < count; i++) {
        signal?.throwIfAborted();
        const start = i * chunkSize;
        const end = i === count - 1 ? file.size : start + chunkSize;
        // The last chunk completes the upload and TikTok then posts: from here on we never upload blindly again.
        if (i === count - 1) await journal.before("create_sent", { publishId: init.publish_id });
        let res: Response;
        try {
          res = await fetch(init.upload_url, {
            method: "PUT",
            headers: { "content-type": "video/mp4", "content-range": `bytes ${start}-${end - 1}/${file.size}` },
            body: file.slice(start, end),
            signal,
          });
        } catch (e) {
          throw new PlatformError("transient", `cannot reach TikTok while uploading the video: ${e instanceof Error ? e.message : e}`);
        }
        if (res.status !== 201 && res.status !== 206) {
          const j = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
          throw tiktokError(
            res.status,
            j.error?.code ?? "",
            j.error?.message ?? `upload answered ${res.status}`,
            "uploading the video",
            now(),
          );
        }
        journal.heartbeat(`uploading to TikTok: ${end}/${file.size} bytes`);
      }
      const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
      for (let i = 0; ; i++) {
        // Ids past 2^53 arrive as exact digit strings (responseJsonExact); smaller ones as numbers.
        const st = await call<{ status?: string; fail_reason?: string; publicaly_available_post_id?: (number | string)[] }>(
          "/v2/post/publish/status/fetch/",
          { publish_id: init.publish_id },
          "checking the post",
        );
        if (st.status === "PUBLISH_COMPLETE" || st.status === "SEND_TO_USER_INBOX") {
          const id = String(st.publicaly_available_post_id?.[0] ?? init.publish_id);
          await journal.before("remote_id_known", { remoteId: id });
          return {
            remoteId: id,
            permalink: st.publicaly_available_post_id?.length ? tiktokPermalink(creator.creator_username || conn.extra.username, id) : "",
            text: input.text,
          };
        }
        if (st.status === "FAILED")
          throw new PlatformError(
            "rejected",
            `TikTok could not publish the video (${(st.fail_reason ?? "no reason given").replace(/_/g, " ")})`,
          );
        if (Date.now() > deadline) throw new PlatformError("transient", "TikTok is still processing the video after the time limit");
        journal.heartbeat(`TikTok is processing the video (${st.status})`);
        // 6 requests a minute per user token: poll gently.
        await sleep(Math.min(30_000, (opts.pollMs ?? 10_000) * 2 ** Math.min(i, 1)), signal);
      }
    },

    /** Asks /v2/post/publish/status/fetch/ about the saved publish_id. */
    async createOutcome(conn, input, saved): Promise<CreateOutcome | undefined> {
      if (!saved.publishId) return undefined;
      const st = await tiktokCall(cfg, conn.accessToken, now)<{
        status?: string;
        fail_reason?: string;
        publicaly_available_post_id?: (number | string)[];
      }>("/v2/post/publish/status/fetch/", { publish_id: saved.publishId }, "checking the post");
      if (st.status === "PUBLISH_COMPLETE" || st.status === "SEND_TO_USER_INBOX") {
        const id = st.publicaly_available_post_id?.[0];
        if (id === undefined) return { kind: "processing", why: "TikTok published it but has not given its id yet" };
        const creator = await tiktokCall(cfg, conn.accessToken, now)<{ creator_username?: string }>(
          "/v2/post/publish/creator_info/query/",
          {},
          "reading the creator",
        ).catch(() => ({ creator_username: undefined }));
        const remoteId = String(id);
        return {
          kind: "created",
          post: { remoteId, permalink: tiktokPermalink(creator.creator_username || conn.extra.username, remoteId), text: input.text },
        };
      }
      if (st.status === "FAILED") return { kind: "refused", reason: (st.fail_reason ?? "no reason given").replace(/_/g, " ") };
      return { kind: "processing", why: `TikTok reports ${st.status ?? "no status"}` };
    },

    async recentPosts(conn, since): Promise<RemotePost[]> {
      const call = tiktokCall(cfg, conn.accessToken, now);
      const res = await call<{
        videos?: { id: string | number; title?: string; video_description?: string; create_time?: number; share_url?: string }[];
      }>("/v2/video/list/?fields=id,title,video_description,create_time,share_url", { max_count: 20 }, "listing recent videos");
      return (res.videos ?? [])
        .map((v) => ({
          remoteId: String(v.id),
          permalink: v.share_url ?? "",
          text: v.video_description || v.title || "",
          createdAt: v.create_time ? new Date(v.create_time * 1000) : undefined,
        }))
        .filter((p) => !p.createdAt || p.createdAt >= since);
    },

    async refresh(conn): Promise<TokenSet> {
      if (!conn.refreshToken) throw new PlatformError("auth_revoked", "there is no refresh token; connect TikTok again");
      const { openId: _, ...t } = await tiktokToken(cfg, { grant_type: "refresh_token", refresh_token: conn.refreshToken }, now());
      return t;
    },

    fetchMetrics: (conn, remoteId) => tiktokMetrics(cfg, conn, remoteId, now),
    fetchMetricsBatch: (conn, remoteIds) => tiktokMetricsBatch(cfg, conn, remoteIds, now),
    metricsBatchSize: TIKTOK_IDS_PER_CALL,
    fetchFollowers: (conn) => tiktokFollowers(cfg, conn, now()),
    // No fetchComments: TikTok's API has no comment listing for the Login Kit scopes we hold.
  };
}

// The public address of a post needs the creator's handle, which creator_info gives with the posting scopes.
function tiktokPermalink(username: string | undefined, id: string): string {
  return username ? `https://www.tiktok.com/@${username}/video/${id}` : "";
}
