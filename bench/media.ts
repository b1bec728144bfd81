import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildContext } from "../src/server/boot";
import { parseConfig } from "../src/config/load";
import type { VideoScript } from "../src/content/script";
import { contentItems } from "../src/db/schema/content";
import { users } from "../src/db/schema/accounts";
import { webapps } from "../src/db/schema/webapps";
import { createLogger } from "../src/lib/log";
import { renderItemMedia } from "../src/media/render";
import { probeMedia } from "../src/media/video/probe";
import { AAC_ARGS, x264Args } from "../src/media/video/scenes";

/** One benchmark figure set. */
export interface MediaBenchResult {
  name: string;
  wallSeconds: number;
  videoSeconds: number;
  realtimeFactor: number;
  /** CPU seconds of the bench process and its children (ffmpeg, the voice) during the run. */
  cpuSeconds: number;
  peakRssMb: number;
  /** MB per program at the peak (the bench process is "bun"). */
  peakBy?: Record<string, number>;
  phases?: Record<string, number>;
}

// Resident memory of a process and all its descendants by program name, read from /proc (Linux).
function treeRss(pid: number, into: Record<string, number> = {}): Record<string, number> {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)/.exec(status);
    const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "?";
    into[name] = (into[name] ?? 0) + (m ? Number(m[1]) : 0);
    for (const t of readdirSync(`/proc/${pid}/task`))
      for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").split(" ").filter(Boolean)) treeRss(Number(c), into);
  } catch {}
  return into;
}

// CPU seconds used so far by this process and its reaped children (utime, stime, cutime, cstime of /proc/self/stat):
// steadier than wall time on a shared machine, so the short and the plain encode compare on work done as well.
function cpuSeconds(): number {
  const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** Runs fn and samples the process tree every 40 ms: wall seconds, peak RSS and what made it up (MB per program). */
export async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; wall: number; cpu: number; peakKb: number; peakBy: Record<string, number> }> {
  const cpu0 = cpuSeconds();
  let peakBy = treeRss(process.pid);
  let peakKb = sum(peakBy);
  const timer = setInterval(() => {
    const now = treeRss(process.pid);
    if (sum(now) > peakKb) (peakKb = sum(now)), (peakBy = now);
  }, 40);
  const t0 = performance.now();
  try {
    const value = await fn();
    const by = Object.fromEntries(Object.entries(peakBy).map(([k, v]) => [k, Math.round(v / 1024)]));
    return { value, wall: (performance.now() - t0) / 1000, cpu: cpuSeconds() - cpu0, peakKb, peakBy: by };
  } finally {
    clearInterval(timer);
  }
}

const SCRIPT: VideoScript = {
  hook: "Dinner sorted in 2 minutes?",
  scenes: [
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
      onScreenText: "Save 3 hours a week",
      template: "stat",
      voiceover: "Families tell us they save three hours and a lot of arguments every week.",
      visual: "brand gradient zoom",
      seconds: 5.4,
    },
  ],
  callToAction: "Try MealPlan free today",
  url: "https://mealplan.example.com/?utm_source=bench",
};

/** Renders a 30 s, 5-scene voiced, captioned 1080x1920 short and a plain ffmpeg encode of the same length; returns both. */
export async function benchMedia(): Promise<MediaBenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-bench-media-"));
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
    const item = ctx.db
      .insert(contentItems)
      .values({
        userId: user.id,
        webappId: app.id,
        platform: "tiktok",
        format: "video",
        script: SCRIPT as unknown as Record<string, unknown>,
        mediaStatus: "waiting",
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    const phases: Record<string, number> = {};
    let last = performance.now();
    let lastNote = "";
    const short = await measure(() =>
      renderItemMedia(ctx, item.id, {
        onProgress: (_p, note) => {
          if (note === lastNote) return;
          const t = performance.now();
          if (lastNote) phases[lastNote] = Number(((t - last) / 1000).toFixed(2));
          last = t;
          lastNote = note;
        },
      }),
    );
    const row = ctx.db.select().from(contentItems).get()!;
    const media = row.media as { video: string };
    const seconds = (await probeMedia(join(config.storage.media_dir, media.video))).durationSeconds;
    const out = join(dir, "baseline.mp4");
    const baseline = await measure(async () => {
      const p = Bun.spawn(
        [
          "ffmpeg",
          "-v",
          "error",
          "-y",
          "-f",
          "lavfi",
          "-i",
          `testsrc2=s=1080x1920:r=30:d=${seconds.toFixed(2)}`,
          "-f",
          "lavfi",
          "-i",
          `sine=f=220:r=48000:d=${seconds.toFixed(2)}`,
          ...x264Args(config.media.x264_preset, 30),
          ...AAC_ARGS,
          "-movflags",
          "+faststart",
          "-t",
          seconds.toFixed(3),
          out,
        ],
        { stdout: "ignore", stderr: "inherit" },
      );
      if ((await p.exited) !== 0) throw new Error("baseline ffmpeg failed");
    });
    const r = (
      name: string,
      m: { wall: number; cpu: number; peakKb: number; peakBy: Record<string, number> },
      extra?: Record<string, number>,
    ): MediaBenchResult => ({
      name,
      wallSeconds: Number(m.wall.toFixed(2)),
      videoSeconds: Number(seconds.toFixed(2)),
      realtimeFactor: Number((seconds / m.wall).toFixed(2)),
      cpuSeconds: Number(m.cpu.toFixed(2)),
      peakRssMb: Math.round(m.peakKb / 1024),
      peakBy: m.peakBy,
      phases: extra,
    });
    return [
      r(
        `short: 5 scenes, voiced (${(row.media as { voice: string }).voice}), captioned, 1080x1920, x264 ${config.media.x264_preset}`,
        short,
        phases,
      ),
      r(
        `baseline: plain ffmpeg encode of testsrc2 + a sine, same length and the short's own x264/AAC settings (${x264Args(config.media.x264_preset, 30).join(" ")})`,
        baseline,
      ),
    ];
  } finally {
    ctx.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const results = await benchMedia();
  for (const r of results) console.log(JSON.stringify(r));
  const [short, plain] = results;
  if (short && plain) {
    console.log(`ratio to the plain encode in this run: ${(short.wallSeconds / plain.wallSeconds).toFixed(2)}x wall`);
    console.log(`CPU seconds, short / plain encode: ${(short.cpuSeconds / plain.cpuSeconds).toFixed(2)}x`);
  }
}
