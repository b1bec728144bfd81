import sharp from "sharp";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppContext } from "../../src/app/context";
import { contentItems } from "../../src/db/schema/content";
import type { ContentState } from "../../src/model/content-states";
import { users } from "../../src/db/schema/accounts";
import { webapps } from "../../src/db/schema/webapps";
import type { PlatformId } from "../../src/platforms/ids";
import { saveConnection } from "../../src/publishing/connections";
import type { JobContext } from "../../src/jobs/worker";
import type { PlatformAdapter, PublishJournal, PublishPhase } from "../../src/platforms/types";
import { eq } from "drizzle-orm";
import { jobs } from "../../src/db/schema/jobs";
import type { PublishDeps } from "../../src/publishing/engine";
import { publishHandlers, schedulePublishing } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";

/** A user and one web app, inserted directly. */
export function makeOwner(
  ctx: AppContext,
  email = `u${Math.random().toString(36).slice(2)}@example.com`,
): { userId: number; webappId: number } {
  const now = ctx.clock.now();
  const u = ctx.db.insert(users).values({ email, name: "Owner", passwordHash: "x", createdAt: now }).returning().get();
  const w = ctx.db
    .insert(webapps)
    .values({ userId: u.id, url: "https://app.example.com", name: "Example App", createdAt: now, updatedAt: now })
    .returning()
    .get();
  return { userId: u.id, webappId: w.id };
}

/** Writes a fake video of `bytes` random bytes under the media dir; returns its relative path. */
export function makeVideoFile(ctx: AppContext, name = "clip.mp4", bytes = 300 * 1024): string {
  const dir = join(ctx.config.storage.media_dir, "test");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), randomBytes(bytes));
  return `test/${name}`;
}

/** A real JPEG of w x h (as the media studio renders for image items), relative to the media dir; `padTo` pads it to a byte size. */
export async function makeImageFile(
  ctx: AppContext,
  name = "post.jpg",
  w = 1080,
  h = 1350,
  padTo = 0,
  relDir = "test",
): Promise<{ path: string; width: number; height: number; target: string }> {
  const dir = join(ctx.config.storage.media_dir, relDir);
  mkdirSync(dir, { recursive: true });
  const jpeg = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 30, g: 90, b: 200 } } })
    .jpeg()
    .toBuffer();
  writeFileSync(join(dir, name), padTo > jpeg.length ? Buffer.concat([jpeg, Buffer.alloc(padTo - jpeg.length)]) : jpeg);
  return { path: `${relDir}/${name}`, width: w, height: h, target: `${w}x${h}` };
}

/** A content item in `status` (default approved) for a platform, with a video, planned at `plannedAt`. */
export function makeItem(
  ctx: AppContext,
  owner: { userId: number; webappId: number },
  o: {
    platform?: PlatformId;
    status?: ContentState;
    caption?: string;
    plannedAt?: Date;
    video?: string;
    format?: "video" | "image" | "text" | "thread" | "carousel";
    hashtags?: string[];
    images?: { path: string; width: number; height: number; target: string }[];
    /** The item's stored script: a video script, or {slides} for a carousel. */
    script?: Record<string, unknown>;
  } = {},
) {
  const now = ctx.clock.now();
  return ctx.db
    .insert(contentItems)
    .values({
      userId: owner.userId,
      webappId: owner.webappId,
      platform: o.platform ?? "x",
      format: o.format ?? "video",
      status: o.status ?? "approved",
      title: "Try Example App",
      caption: o.caption ?? `Ship faster with Example App ${Math.random().toString(36).slice(2, 8)}`,
      hashtags: o.hashtags ?? ["buildinpublic"],
      linkUrl: "https://app.example.com/",
      plannedAt: o.plannedAt ?? now,
      mediaStatus: "ready",
      media: o.images ? { images: o.images } : o.video ? { video: o.video } : {},
      ...(o.script ? { script: o.script } : {}),
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

/** Stores a connection with the given tokens, as a finished OAuth flow would. */
export function makeConnection(
  ctx: AppContext,
  userId: number,
  platform: PlatformId,
  t: {
    accessToken: string;
    refreshToken?: string;
    expiresAt?: Date;
    accountId: string;
    accountName?: string;
    extra?: Record<string, string>;
  },
) {
  return saveConnection(
    ctx,
    {
      userId,
      platform,
      accountId: t.accountId,
      accountName: t.accountName ?? "Test account",
      tokens: { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: t.expiresAt, scopes: [] },
      extra: t.extra,
    },
    ctx.clock.now(),
  );
}

/** A JobContext for calling handlers directly. */
export function jobContext(): JobContext & { progress: string[] } {
  const progress: string[] = [];
  return { progress, heartbeat: (p) => void (p && progress.push(p)), signal: new AbortController().signal };
}

/** The queue steps every adapter test drives: schedule and run the due publish jobs, read an item and its job. */
export function publishQueue(ctx: AppContext, deps: PublishDeps) {
  return {
    async run() {
      schedulePublishing(ctx, ctx.clock.now());
      return runDuePublishJobs(ctx, publishHandlers(ctx, deps));
    },
    get: (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!,
    job: (id: number) =>
      ctx.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `publish:${id}`))
        .get()!,
  };
}

/** The names of the user-facing publishing events raised during a test, in order. */
export function recordPublishEvents(ctx: AppContext): string[] {
  const events: string[] = [];
  ctx.events.on("content.attention", () => void events.push("content.attention"));
  ctx.events.on("connection.revoked", () => void events.push("connection.revoked"));
  return events;
}

const forever = () => new Promise<never>(() => {});

/** The real adapter, except that the "process" dies (never runs another line) at the given point. */
export function dyingAt(
  real: PlatformAdapter,
  point: { phase: PublishPhase } | "after_create_answered",
  died: () => void,
): PlatformAdapter {
  return {
    ...real,
    async publish(conn, input, journal, signal) {
      const j: PublishJournal = {
        get data() {
          return journal.data;
        },
        heartbeat: (p) => journal.heartbeat(p),
        async before(phase, data) {
          await journal.before(phase, data);
          if (point !== "after_create_answered" && phase === point.phase) {
            died();
            return forever();
          }
        },
      };
      await real.publish(conn, input, j, signal);
      died();
      return forever();
    },
  };
}
