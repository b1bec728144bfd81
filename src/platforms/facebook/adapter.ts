import { existsSync, statSync } from "node:fs";
import type { Config } from "../../config/schema";
import { exchangeLongLived, graphCall } from "../meta/graph";
import { imageProblems, postImage } from "../images";
import { PLATFORM_RULES } from "../rules";
import { postPagePhoto } from "./photo";
import { pageFeedPosts, postPageCarousel } from "./carousel";
import { carouselProblems } from "../carousel-files";
import { facebookComments, facebookHide, facebookLike, facebookReply } from "./comments";
import { facebookFollowers, facebookMetrics } from "./insights";
import { type Connection, type PlatformAdapter, PlatformError, type RemotePost, type TokenSet } from "../types";
import { sleepFor, type Sleep } from "../wait";

/** Largest image the upload we use takes, in bytes (/{page-id}/photos). */
const IMAGE_MAX_BYTES = 10 * 1024 ** 2;

interface ReelStatus {
  video_status?: string;
  processing_phase?: { status?: string; errors?: { message?: string }[] };
  publishing_phase?: { status?: string; publish_status?: string };
}

const absolute = (link: string | undefined) => (!link ? "" : link.startsWith("http") ? link : `https://www.facebook.com${link}`);

/**
 * Facebook Page Reels through the Graph API with fetch: video_reels upload_phase=start, the bytes posted to
 * the returned upload URL, upload_phase=finish with video_state=PUBLISHED (this creates the post), then the
 * video's status polled until published. Uses the Page access token.
 */
export function facebookAdapter(
  cfg: Config["platform_meta"],
  opts: { sleep?: Sleep; now?: () => Date; processingTimeoutMs?: number; pollMs?: number } = {},
): PlatformAdapter {
  const sleep = opts.sleep ?? sleepFor;
  const now = opts.now ?? (() => new Date());
  const rules = PLATFORM_RULES.facebook;

  return {
    id: "facebook",
    validate(input) {
      const problems: string[] = [];
      if ([...input.text].length > rules.captionMax) problems.push(`Facebook allows ${rules.captionMax} characters in a description.`);
      if (input.format === "carousel") problems.push(...carouselProblems(input, "facebook", "Facebook", IMAGE_MAX_BYTES));
      else if (input.format === "image") problems.push(...imageProblems(input, "Facebook", IMAGE_MAX_BYTES));
      else if (input.format !== "video")
        problems.push("This app posts Reels and photos to Facebook Pages, not text-only posts; export the item and post it by hand.");
      else if (!input.videoPath || !existsSync(input.videoPath)) problems.push("The video file is missing; render the media again.");
      else if (statSync(input.videoPath).size > rules.videoMaxBytes)
        problems.push("The video file is larger than Facebook accepts for Reels.");
      return problems;
    },

    async publish(conn, input, journal, signal): Promise<RemotePost> {
      const call = graphCall(cfg, conn.accessToken, now);
      await journal.before("prepared");
      if (input.format === "carousel") return postPageCarousel(cfg, conn, input, journal, now, signal);
      if (input.format === "image") {
        // Upload and publish are one call: from here on an unknown outcome is reconciled, never retried blindly.
        await journal.before("create_sent");
        return postPagePhoto(cfg, conn, postImage(input)!, input.text, now(), signal);
      }
      let videoId = journal.data.videoId;
      if (!videoId) {
        const start = await call<{ video_id: string; upload_url: string }>(`/${conn.accountId}/video_reels`, {
          method: "POST",
          params: { upload_phase: "start" },
          during: "starting the Reel upload",
        });
        const file = Bun.file(input.videoPath!);
        let res: Response;
        try {
          res = await fetch(start.upload_url, {
            method: "POST",
            headers: { authorization: `OAuth ${conn.accessToken}`, offset: "0", file_size: String(file.size) },
            body: file,
            signal,
          });
        } catch (e) {
          throw new PlatformError("transient", `cannot reach Facebook while uploading the video: ${e instanceof Error ? e.message : e}`);
        }
        if (!res.ok)
          throw new PlatformError(
            res.status >= 500 ? "transient" : "rejected",
            `Facebook did not accept the video upload (HTTP ${res.status})`,
            undefined,
            res.status,
          );
        videoId = start.video_id;
        await journal.before("media_uploaded", { videoId });
      }
      signal?.throwIfAborted();
      await journal.before("create_sent");
      await call(`/${conn.accountId}/video_reels`, {
        method: "POST",
        params: { upload_phase: "finish", video_id: videoId, video_state: "PUBLISHED", description: input.text },
        during: "publishing the Reel",
      });
      await journal.before("remote_id_known", { remoteId: videoId });
      const deadline = Date.now() + (opts.processingTimeoutMs ?? 30 * 60_000);
      for (let i = 0; ; i++) {
        const v = await call<{ status?: ReelStatus; permalink_url?: string }>(`/${videoId}`, {
          params: { fields: "status,permalink_url" },
          during: "checking the Reel",
        });
        const st = v.status ?? {};
        if (st.video_status === "error" || st.processing_phase?.status === "error") {
          throw new PlatformError(
            "rejected",
            `Facebook could not process the Reel: ${st.processing_phase?.errors?.[0]?.message ?? "no reason given"}`,
          );
        }
        if (st.publishing_phase?.publish_status === "published" || Date.now() > deadline)
          return { remoteId: videoId, permalink: absolute(v.permalink_url), text: input.text };
        journal.heartbeat(`Facebook is processing the Reel (${st.video_status ?? "waiting"})`);
        await sleep(Math.min(20_000, (opts.pollMs ?? 5_000) * 2 ** Math.min(i, 2)), signal);
      }
    },

    async recentPosts(conn, since): Promise<RemotePost[]> {
      const call = graphCall(cfg, conn.accessToken, now);
      // Reels and photos are two lists: one failing must not throw away the other.
      const [reels, photos, feed] = await Promise.allSettled([
        call<{ data?: { id: string; description?: string; permalink_url?: string; created_time?: string }[] }>(
          `/${conn.accountId}/video_reels`,
          {
            params: { fields: "id,description,permalink_url,created_time", limit: "50" },
            during: "listing the Page's Reels",
          },
        ),
        // Photos the Page uploaded: their caption is `name`.
        call<{ data?: { id: string; name?: string; link?: string; created_time?: string }[] }>(`/${conn.accountId}/photos`, {
          params: { type: "uploaded", fields: "id,name,link,created_time", limit: "50" },
          during: "listing the Page's photos",
        }),
        // Multi-photo posts are feed posts (their photos are unpublished and carry no caption).
        pageFeedPosts(cfg, conn, now),
      ]);
      if (reels.status === "rejected" && photos.status === "rejected" && feed.status === "rejected") throw reels.reason;
      const res = reels.status === "fulfilled" ? reels.value : {};
      const date = (t?: string) => (t ? new Date(t.replace(/\+0000$/, "Z")) : undefined);
      return [
        ...(res.data ?? []).map((r) => ({
          remoteId: r.id,
          permalink: absolute(r.permalink_url),
          text: r.description ?? "",
          createdAt: date(r.created_time),
        })),
        ...((photos.status === "fulfilled" ? photos.value.data : undefined) ?? []).map((p) => ({
          remoteId: p.id,
          permalink: p.link ?? "",
          text: p.name ?? "",
          createdAt: date(p.created_time),
        })),
        ...(feed.status === "fulfilled" ? feed.value : []),
      ].filter((p) => !p.createdAt || p.createdAt >= since);
    },

    /** Page tokens from a long-lived user token do not expire; renewing means a new user token and the Page's token again. */
    async refresh(conn: Connection): Promise<TokenSet> {
      if (!conn.refreshToken) throw new PlatformError("auth_revoked", "log in with Facebook again to renew access to the Page");
      const user = await exchangeLongLived(cfg, conn.refreshToken, now());
      const pages = await graphCall(
        cfg,
        user.accessToken,
        now,
      )<{ data?: { id: string; access_token?: string }[] }>("/me/accounts", {
        params: { fields: "id,access_token" },
        during: "renewing the Page token",
      });
      const page = pages.data?.find((p) => p.id === conn.accountId);
      if (!page?.access_token) throw new PlatformError("auth_revoked", "this Facebook login no longer manages the Page; connect it again");
      return { accessToken: page.access_token, refreshToken: user.accessToken, expiresAt: user.expiresAt };
    },

    fetchMetrics: (conn, remoteId) => facebookMetrics(cfg, conn, remoteId, now),
    fetchFollowers: (conn) => facebookFollowers(cfg, conn, now),
    fetchComments: (conn, remoteId, since) => facebookComments(cfg, conn, remoteId, now, since),
    replyToComment: (conn, target, text) => facebookReply(cfg, conn, target, text, now),
    likeComment: (conn, target) => facebookLike(cfg, conn, target, now),
    hideComment: (conn, target) => facebookHide(cfg, conn, target, now),
  };
}
