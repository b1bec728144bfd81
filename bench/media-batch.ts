/**
 * `bun run bench media-batch`: a day's 7 shorts for one app rendered the way the nightly run does, all enqueued at
 * once and taken by media.render_concurrency render slots; wall time and the peak RSS of the process tree.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../src/config/load";
import type { Scene, VideoScript } from "../src/content/script";
import { users } from "../src/db/schema/accounts";
import { contentItems } from "../src/db/schema/content";
import { webapps } from "../src/db/schema/webapps";
import { createLogger } from "../src/lib/log";
import { renderItemMedia } from "../src/media/render";
import type { PlatformId } from "../src/platforms/ids";
import { buildContext } from "../src/server/boot";
import { measure } from "./media";

// What the writer gives a day's shorts: scenes drawn from the app's features in a different mix and order per post.
const SCENES: Scene[] = [
  {
    onScreenText: "Sunday, 6 pm: nothing planned",
    template: "headline",
    voiceover: "It is Sunday evening and nobody knows what is for dinner this week.",
    visual: "brand gradient zoom",
    seconds: 5.4,
  },
  {
    onScreenText: "Pick 5 meals you love",
    template: "feature",
    voiceover: "Open MealPlan and pick five meals your family already loves.",
    visual: "brand gradient pan",
    seconds: 5.4,
  },
  {
    onScreenText: "Your list writes itself",
    template: "feature",
    voiceover: "Your shopping list writes itself, sorted by aisle, in seconds.",
    visual: "brand gradient zoom",
    seconds: 5.4,
  },
  {
    onScreenText: "Share with your partner",
    template: "feature",
    voiceover: "Share the plan so whoever shops gets the same list on their phone.",
    visual: "brand gradient pan",
    seconds: 5.4,
  },
  {
    onScreenText: "3 hours",
    detail: "saved every week",
    template: "stat",
    voiceover: "Families tell us they save three hours and a lot of arguments every week.",
    visual: "brand gradient zoom",
    seconds: 5.4,
  },
  {
    onScreenText: "Dinner was never this easy",
    detail: "Priya, mother of three",
    template: "testimonial",
    voiceover: "Priya says dinner has never been this easy with three hungry kids at home.",
    visual: "brand gradient",
    seconds: 5.4,
  },
  {
    onScreenText: "$4 a month",
    detail: "Family plan",
    template: "plan",
    voiceover: "The family plan costs four dollars a month and covers everyone in the house.",
    visual: "brand gradient",
    seconds: 5.4,
  },
  {
    onScreenText: "Leftovers, planned",
    template: "feature",
    voiceover: "Plan tomorrow's lunch from tonight's leftovers and waste less food.",
    visual: "brand gradient pan",
    seconds: 5.4,
  },
  {
    onScreenText: "Works offline",
    template: "feature",
    voiceover: "The list works offline, so a shop with no signal is no problem.",
    visual: "brand gradient zoom",
    seconds: 5.4,
  },
  {
    onScreenText: "Allergies respected",
    template: "feature",
    voiceover: "Tell it about allergies once and every suggestion respects them.",
    visual: "brand gradient pan",
    seconds: 5.4,
  },
];
const PLATFORMS: PlatformId[] = ["tiktok", "instagram", "youtube", "facebook", "linkedin", "x", "tiktok"];

function scriptFor(k: number): VideoScript {
  return {
    hook: SCENES[(k * 3) % SCENES.length]!.onScreenText,
    scenes: [0, 1, 2, 3, 4].map((j) => SCENES[(k * 3 + j * (k % 2 ? 3 : 1)) % SCENES.length]!),
    callToAction: "Try MealPlan free today",
    url: `https://mealplan.example.com/?utm_source=bench&utm_content=${k}`,
  };
}

/** Renders the 7 shorts of one day through the render queue at the configured concurrency; wall time and peak RSS. */
export async function benchMediaBatch(): Promise<{
  name: string;
  wallSeconds: number;
  videoSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  peakBy: Record<string, number>;
  perShort: number[];
}> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-bench-batch-"));
  const config = parseConfig("", undefined, {
    AMARKTAI_DATA_DIR: join(dir, "data"),
    AMARKTAI_MEDIA_DIR: join(dir, "media"),
    AMARKTAI_MEDIA_SCREENSHOTS: "false",
  });
  const ctx = buildContext(config, { log: createLogger("warn") });
  try {
    const now = new Date();
    const user = ctx.db
      .insert(users)
      .values({ email: "bench@example.com", name: "Bench", passwordHash: "x", createdAt: now })
      .returning()
      .get();
    const app = ctx.db
      .insert(webapps)
      .values({
        userId: user.id,
        url: "https://mealplan.example.com",
        name: "MealPlan",
        brandColors: ["#16a34a", "#0f172a"],
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const ids = PLATFORMS.map(
      (platform, k) =>
        ctx.db
          .insert(contentItems)
          .values({
            userId: user.id,
            webappId: app.id,
            platform,
            format: "video",
            script: scriptFor(k) as unknown as Record<string, unknown>,
            mediaStatus: "waiting",
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get().id,
    );
    const t0 = performance.now();
    const ends: number[] = [];
    // All enqueued at once, as the nightly run's media.render jobs are; the render queue lets render_concurrency run.
    const run = await measure(() =>
      Promise.all(ids.map((id) => renderItemMedia(ctx, id).then(() => ends.push((performance.now() - t0) / 1000)))),
    );
    const rows = ctx.db.select().from(contentItems).all();
    const videoSeconds = rows.reduce((n, r) => n + Number((r.media as { durationSeconds?: number } | null)?.durationSeconds ?? 0), 0);
    if (rows.some((r) => r.mediaStatus !== "ready")) throw new Error("bench: a short of the batch did not render");
    return {
      name: `batch: 7 shorts of one day (5 scenes + end card each, voiced, captioned, 1080x1920, x264 ${config.media.x264_preset}), render_concurrency ${config.media.render_concurrency}`,
      wallSeconds: Number(run.wall.toFixed(2)),
      videoSeconds: Number(videoSeconds.toFixed(1)),
      cpuSeconds: Number(run.cpu.toFixed(1)),
      peakRssMb: Math.round(run.peakKb / 1024),
      peakBy: run.peakBy,
      perShort: ends.map((e) => Number(e.toFixed(2))),
    };
  } finally {
    ctx.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) console.log(JSON.stringify(await benchMediaBatch()));
