import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { exchangeLongLived, graphCall } from "../meta/graph";
import { imageProblems, postImage } from "../images";
import { PLATFORM_RULES } from "../rules";
import { instagramImageContainer, NEEDS_PUBLIC_HTTPS } from "./image";
import { instagramCarouselContainer } from "./carousel";
import { carouselProblems } from "../carousel-files";
import { instagramComments, instagramHide, instagramReply } from "./comments";
import { instagramFirstComment } from "./first-comment";
import { instagramFollowers, instagramMetrics } from "./insights";
import {
  type Connection,
  type MediaUrl,
  type PlatformAdapter,
  PlatformError,
  type PublishJournal,
  type RemotePost,
  type TokenSet,
} from "../types";
import { sleepFor, type Sleep } from "../wait";

/** Largest image the upload we use takes, in bytes (image containers, JPEG only). */
const IMAGE_MAX_BYTES = 8 * 1024 ** 2;

/**
 * Instagram Reels through the Graph API with fetch: a REELS container with upload_type=resumable, the
 * bytes posted to the container's upload URI (works behind NAT, no public URL needed), status_code polled
 * until FINISHED, then media_publish and the permalink. The live cap comes from content_publishing_limit.
 */
export function instagramAdapter(
  cfg: Config["platform_meta"],
  opts: { sleep?: Sleep; now?: () => Date; processingTimeoutMs?: number; pollMs?: number; mediaUrl?: MediaUrl } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.instagram;

  async function container(
    conn: Connection,
    caption: string,
    path: string,
    journal: PublishJournal,
    signal?: AbortSignal,
  ): Promise<string> {
    const call = graphCall(cfg, conn.accessToken, now);
    const c = await call<{ id: string; uri: string }>(`/${conn.accountId}/media`, {
      method: "POST",
      params: { media_type: "REELS", upload_type: "resumable", caption, share_to_feed: "true" },
      during: "creating the Reel container",
    });
    const file = Bun.file(path);
    let res: Response;
    try {
      res = await fetch(c.uri, {
        method: "POST",
        headers: { authorization: `OAuth ${conn.accessToken}`, offset: "0", file_size: String(file.size) },
        body: file,
        signal,
      });
    } catch (e) {
      throw new PlatformError("transient", `cannot reach Instagram while uploading the video: ${e instanceof Error ? e.message : e}`);
    }
    if (!res.ok) {
      const msg = ((await res.json().catch(() => ({}))) as { debug_info?: { message?: string } }).debug_info?.message;
      throw new PlatformError(
        res.status >= 500 ? "transient" : "rejected",
        `Instagram did not accept the video upload${msg ? `: ${msg}` : ""}`,
        undefined,
        res.status,
      );
    }
    const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
    for (let i = 0; ; i++) {
      const st = await call<{ status_code?: string; status?: string }>(`/${c.id}`, {
        params: { fields: "status_code,status" },
        during: "checking the Reel's processing",
      });
      if (st.status_code === "FINISHED") return c.id;
      if (st.status_code === "ERROR")
        throw new PlatformError("rejected", `Instagram could not process the video (${st.status ?? "no reason given"})`);
      if (st.status_code === "EXPIRED")
        throw new PlatformError("transient", "the Instagram container expired before publishing; it will be made again");
      if (Date.now() > deadline) throw new PlatformError("transient", "Instagram is still processing the video after the time limit");
      journal.heartbeat(`Instagram is processing the video (${st.status_code})`);
      await sleep(Math.min(20_000, (opts.pollMs ?? 5_000) * 2 ** Math.min(i, 2)), signal);
    }
  }

  return {
    id: "instagram",
    validate(input) {
      const problems: string[] = [];
      const len = [...input.text].length;
      if (len > rules.captionMax) problems.push(`Instagram allows ${rules.captionMax} characters; this caption has ${len}.`);
      const tags = (input.text.match(/(^|\s)#[\p{L}\p{N}_]+/gu) ?? []).length;
      if (tags > rules.hashtagsMax) problems.push(`Instagram allows ${rules.hashtagsMax} hashtags; this caption has ${tags}.`);
      if (input.format === "carousel") {
        const bad = carouselProblems(input, "instagram", "Instagram", IMAGE_MAX_BYTES, ["image/jpeg"]);
        problems.push(...bad);
        if (!bad.length && !opts.mediaUrl?.(input.imagePaths![0]!)) problems.push(NEEDS_PUBLIC_HTTPS);
      } else if (input.format === "image") {
        const img = imageProblems(input, "Instagram", IMAGE_MAX_BYTES, ["image/jpeg"]);
        problems.push(...img);
        if (!img.length && !opts.mediaUrl?.(postImage(input)!)) problems.push(NEEDS_PUBLIC_HTTPS);
      } else if (input.format !== "video") problems.push("Instagram takes Reels or images; a text-only post cannot go there.");
      else if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
      else if (statSync(input.videoPath).size > rules.videoMaxBytes) problems.push("Instagram Reels may be at most 300 MB.");
      return problems;
    },

    async publish(conn, input, journal, signal): Promise<RemotePost> {
      const call = graphCall(cfg, conn.accessToken, now);
      await journal.before("prepared");
      // A container is single use and expires in 24 h; one left by an interrupted attempt is reused if it is ready.
      let id: string | undefined = journal.data.containerId;
      if (id) {
        const st = await call<{ status_code?: string }>(`/${id}`, {
          params: { fields: "status_code" },
          during: "checking the earlier container",
        }).catch(() => undefined);
        if (st?.status_code !== "FINISHED") id = undefined;
      }
      if (!id && input.format === "image") {
        const imageUrl = opts.mediaUrl?.(postImage(input)!);
        if (!imageUrl) throw new PlatformError("rejected", NEEDS_PUBLIC_HTTPS);
        id = await instagramImageContainer(cfg, conn, { imageUrl, caption: input.text, journal, sleep, now, signal, pollMs: opts.pollMs });
        await journal.before("media_uploaded", { containerId: id });
      }
      if (!id && input.format === "carousel") {
        id = await instagramCarouselContainer(cfg, conn, input, opts.mediaUrl, { journal, sleep, now, signal, pollMs: opts.pollMs });
        await journal.before("media_uploaded", { containerId: id });
      }
      if (!id) {
        id = await container(conn, input.text, input.videoPath!, journal, signal);
        await journal.before("media_uploaded", { containerId: id });
      }
      signal?.throwIfAborted();
      await journal.before("create_sent");
      const pub = await call<{ id: string }>(`/${conn.accountId}/media_publish`, {
        method: "POST",
        params: { creation_id: id },
        during: `publishing the ${input.format === "video" ? "Reel" : input.format}`,
      });
      await journal.before("remote_id_known", { remoteId: pub.id });
      const link = await call<{ permalink?: string }>(`/${pub.id}`, {
        params: { fields: "permalink" },
        during: "reading the Reel's address",
      }).catch(() => ({ permalink: undefined }));
      return { remoteId: pub.id, permalink: link.permalink ?? `https://www.instagram.com/${conn.extra.username ?? ""}`, text: input.text };
    },

    async recentPosts(conn, since): Promise<RemotePost[]> {
      const call = graphCall(cfg, conn.accessToken, now);
      const res = await call<{ data?: { id: string; caption?: string; permalink?: string; timestamp?: string }[] }>(
        `/${conn.accountId}/media`,
        {
          params: { fields: "id,caption,permalink,timestamp", limit: "50" },
          during: "listing recent posts",
        },
      );
      return (res.data ?? [])
        .map((m) => ({
          remoteId: m.id,
          permalink: m.permalink ?? "",
          text: m.caption ?? "",
          createdAt: m.timestamp ? new Date(m.timestamp.replace(/\+0000$/, "Z")) : undefined,
        }))
        .filter((p) => !p.createdAt || p.createdAt >= since);
    },

    async refresh(conn): Promise<TokenSet> {
      return exchangeLongLived(cfg, conn.accessToken, now());
    },

    async quota(conn) {
      const call = graphCall(cfg, conn.accessToken, now);
      const res = await call<{ data?: { quota_usage?: number; config?: { quota_total?: number } }[] }>(
        `/${conn.accountId}/content_publishing_limit`,
        { params: { fields: "config,quota_usage" }, during: "reading the publishing limit" },
      );
      const d = res.data?.[0];
      return d?.config?.quota_total ? { used: d.quota_usage ?? 0, limit: d.config.quota_total } : undefined;
    },

    fetchMetrics: (conn, remoteId) => instagramMetrics(cfg, conn, remoteId, now),
    fetchFollowers: (conn) => instagramFollowers(cfg, conn, now),
    fetchComments: (conn, remoteId, since) => instagramComments(cfg, conn, remoteId, now, since),
    replyToComment: (conn, target, text) => instagramReply(cfg, conn, target, text, now),
    hideComment: (conn, target) => instagramHide(cfg, conn, target, now),
    postFirstComment: (conn, mediaId, text) => instagramFirstComment(cfg, conn, mediaId, text, now),
  };
}
