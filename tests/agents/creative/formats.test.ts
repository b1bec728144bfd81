import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chooseFormat, FORMAT_TABLE } from "../../../src/agents/creative/formats";
import { runCommand } from "../../../src/cli/commands/run";
import { latestMediaJobs } from "../../../src/media/job";
import { readSlides } from "../../../src/platforms/carousel";
import { PLATFORM_IDS } from "../../../src/platforms/ids";
import { publishInputFor } from "../../../src/publishing/input";
import { batchItems, latestRun, listSteps } from "../../../src/pipeline/store";
import { startResearchSites, type ResearchSites } from "../../sites/research-sites";
import { makeTestContext } from "../../support/context";
import { seedApp } from "../../pipeline/support";

let sites: ResearchSites;
beforeAll(() => (sites = startResearchSites()));
afterAll(() => sites.stop());

/** Fourteen consecutive dates from 2026-03-01. */
const dates = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 2, 1 + i)).toISOString().slice(0, 10));

describe("chooseFormat: what works on each platform", () => {
  test("Shorts and TikTok are always video; X and LinkedIn never video; a six-platform day has video, a still post and text or a thread", () => {
    for (const localDate of dates) {
      const day = Object.fromEntries(PLATFORM_IDS.map((p) => [p, chooseFormat(p, { localDate }).format]));
      expect([day.youtube, day.tiktok]).toEqual(["video", "video"]);
      expect(["text", "image", "thread"]).toContain(day.x!);
      expect(["text", "image", "carousel"]).toContain(day.linkedin!);
      const formats = new Set(Object.values(day));
      expect(formats.has("video") && (formats.has("image") || formats.has("carousel")) && formats.size >= 3).toBe(true);
      expect(formats.has("text") || formats.has("thread")).toBe(true);
    }
  });

  test("carousels are offered on Instagram, Facebook and LinkedIn only, and each of them posts one within two weeks", () => {
    for (const p of PLATFORM_IDS) {
      const offers = FORMAT_TABLE[p].some((o) => o.format === "carousel");
      expect([p, offers]).toEqual([p, p === "instagram" || p === "facebook" || p === "linkedin"]);
      if (offers) expect(dates.some((localDate) => chooseFormat(p, { localDate }).format === "carousel")).toBe(true);
    }
  });

  test("platforms with several good formats rotate over the days, each format used", () => {
    for (const p of ["instagram", "facebook", "x", "linkedin"] as const) {
      const used = new Set(dates.map((localDate) => chooseFormat(p, { localDate }).format));
      expect(used).toEqual(new Set(FORMAT_TABLE[p].map((o) => o.format)));
    }
  });

  test("the learner's ranking wins where the platform takes the format, and is passed over where it does not", () => {
    const localDate = dates[0]!;
    expect(chooseFormat("instagram", { localDate, ranked: ["image"] }).format).toBe("image");
    expect(chooseFormat("instagram", { localDate, ranked: ["video"] }).format).toBe("video");
    // YouTube Shorts take no text post: the ranking's next format the platform takes is used.
    expect(chooseFormat("youtube", { localDate, ranked: ["text", "video"] }).format).toBe("video");
    expect(chooseFormat("x", { localDate, ranked: ["video", "image"] }).format).toBe("image");
    expect(chooseFormat("x", { localDate, ranked: ["image"] }).reason).toContain("ranked first");
  });
});

describe("a six-platform batch", () => {
  // 2026-03-05: X posts an image, LinkedIn text; 2026-03-06: X posts a thread, LinkedIn a carousel.
  for (const date of ["2026-03-05", "2026-03-06"])
    test(`${date}: at least three formats; text posts and threads skip the media studio, image and video posts wait for it`, async () => {
      const ctx = makeTestContext();
      try {
        const { webappId } = seedApp(ctx, { url: sites.url("/") });
        expect(await runCommand(["--app", String(webappId), "--date", date, "--no-media"], { ctx, out: () => {} })).toBe(0);
        const run = latestRun(ctx.db, webappId, date)!;
        const items = batchItems(ctx.db, run.batchId).filter((i) => !i.failure);
        const creative = listSteps(ctx.db, run.id).find((s) => s.step === "creative")!.output as { notes: string[] };
        expect(new Set(items.map((i) => i.platform))).toEqual(new Set(PLATFORM_IDS));
        expect(new Set(items.map((i) => i.format)).size).toBeGreaterThanOrEqual(3);
        for (const i of items) {
          expect(i.format).toBe(chooseFormat(i.platform as never, { localDate: date }).format);
          // The run page says why each post has its format.
          expect(creative.notes.some((n) => n.startsWith(`${i.platform} ${i.variant}: Format ${i.format}: `))).toBe(true);
        }
        const jobs = latestMediaJobs(
          ctx.db,
          items.map((i) => i.id),
        );
        for (const i of items)
          expect([i.format, jobs.has(i.id)]).toEqual([i.format, i.format === "video" || i.format === "image" || i.format === "carousel"]);
        // A thread is the X post's paragraphs, 2 to 4 of them.
        for (const i of items.filter((i) => i.format === "thread")) {
          const n = publishInputFor(i, ctx.config.storage.media_dir).thread!.length;
          expect(n >= 2 && n <= 4).toBe(true);
        }
        expect(items.some((i) => i.format === "thread")).toBe(date === "2026-03-06");
        // A carousel: cover, one fact a slide, call to action; every slide's sentences checked and each fact beside its snippet.
        expect(items.some((i) => i.format === "carousel")).toBe(date === "2026-03-06");
        for (const i of items.filter((i) => i.format === "carousel")) {
          const slides = readSlides(i.script);
          expect(slides.length).toBeGreaterThanOrEqual(3);
          expect(slides.length).toBeLessThanOrEqual(7);
          expect(slides[0]!.kind).toBe("cover");
          expect(slides.at(-1)!.kind).toBe("cta");
          expect(slides.at(-1)!.text).not.toContain("http");
          slides.forEach((sl, n) => {
            const rows = i.claimSources.filter((r) => r.field === `slide ${n + 1}`);
            expect(rows.length).toBeGreaterThan(0);
            if (sl.kind === "fact") expect(rows.every((r) => r.snippet !== "" && r.url.startsWith("http"))).toBe(true);
          });
          expect(i.unsupportedClaims).toEqual([]);
        }
      } finally {
        ctx.cleanup();
      }
    }, 60_000);
});
