import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { writeBuiltinPost } from "../../src/agents/creative/builtin/writer";
import type { Variant } from "../../src/agents/creative/types";
import type { ProductFacts } from "../../src/agents/research/facts";
import type { VideoScript } from "../../src/content/script";
import { contentItems } from "../../src/db/schema/content";
import { webapps } from "../../src/db/schema/webapps";
import { brandOf } from "../../src/media/brand";
import { planProblems } from "../../src/media/design/checks";
import { planShort, scenesWithTemplates } from "../../src/media/design/pick";
import { resolveFonts } from "../../src/media/fonts";
import { renderItemMedia } from "../../src/media/render";
import { drawPhase, withCaption, withText } from "../../src/media/video/stills";
import { TRANSITION } from "../../src/media/video/schedule";
import type { Box } from "../../src/media/design/tokens";
import type { PlatformId } from "../../src/platforms/ids";
import { researchedFacts } from "../agents/researched-facts";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { frameAt, regionDiff } from "./helpers";
import sharp from "sharp";

// One day's batch: six platforms and LinkedIn's B variant.
const BATCH: [PlatformId, Variant][] = [
  ["youtube", "A"],
  ["tiktok", "A"],
  ["instagram", "A"],
  ["facebook", "A"],
  ["x", "A"],
  ["linkedin", "A"],
  ["linkedin", "B"],
];
const SITES: Record<string, string> = { hitop: "/hitop/", cuaderno: "/cuaderno/" };
// Small frames keep the batch quick; layouts scale with the frame.
const W = 216;
const H = 384;

let sites: ResearchSites;
const facts: Record<string, ProductFacts> = {};
const ctx = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false" });

beforeAll(async () => {
  sites = startResearchSites();
  Object.assign(facts, await researchedFacts(sites, SITES));
}, 120_000);
afterAll(() => {
  sites.stop();
  ctx.cleanup();
});

function script(f: ProductFacts, date: string, platform: PlatformId, variant: Variant): VideoScript {
  const req = {
    appId: 3,
    localDate: date,
    platform,
    variant,
    facts: f,
    trends: [],
    callToAction: "",
    linkUrl: `${f.url}?utm_source=${platform}`,
  };
  return writeBuiltinPost(req).script!;
}

describe("the built-in writer's scripts", () => {
  test("name their templates from the facts, use at least four across a batch and vary per post and per day", () => {
    for (const f of Object.values(facts)) {
      const day = (date: string) =>
        BATCH.map(([p, v]) =>
          script(f, date, p, v)
            .scenes.map((s) => s.template)
            .join(">"),
        );
      const one = day("2026-03-02");
      expect(new Set(one.flatMap((s) => s.split(">"))).size).toBeGreaterThanOrEqual(4);
      expect(new Set(one).size).toBeGreaterThanOrEqual(4);
      const next = day("2026-03-03");
      expect(next.filter((s, i) => s === one[i]).length).toBeLessThan(BATCH.length / 2);
      for (const seq of one) expect(seq.split(">").filter((t) => t === "end")).toHaveLength(1);
    }
  });

  test("speak sentences, not bullet labels, and show cards that pass the plan checks", () => {
    for (const f of Object.values(facts))
      for (const [p, v] of BATCH) {
        const s = script(f, "2026-03-02", p, v);
        for (const sc of s.scenes.slice(0, -1)) expect(sc.voiceover.trim().split(/\s+/).length).toBeGreaterThanOrEqual(4);
        const brand = {
          name: f.name,
          sayNameAs: "",
          url: f.url,
          primary: [22, 101, 52] as [number, number, number],
          secondary: [15, 23, 42] as [number, number, number],
        };
        for (const plan of planShort(scenesWithTemplates(s, false), { brand, url: s.url, platform: p, width: 1080, height: 1920, seed: 1 }))
          expect(planProblems(plan)).toEqual([]);
      }
  });
});

describe("a rendered batch for two sites", () => {
  const rendered: { site: string; video: string; media: Record<string, any>; itemId: number; platform: string; script: VideoScript }[] = [];
  type Window = { scene: number; layer: string; text: string; box: Box; start: number; end: number };

  // The plans the render drew a short from, made again from its script (the render keeps the script's templates).
  function plansOf(r: (typeof rendered)[number]) {
    const app = ctx.db.select().from(webapps).where(eq(webapps.url, facts[r.site]!.url)).get()!;
    const brand = brandOf(app, ctx.config.storage.media_dir);
    const plans = planShort(scenesWithTemplates(r.script, false), {
      brand,
      url: r.script.url,
      platform: r.platform,
      width: W,
      height: H,
      seed: r.itemId,
    });
    return { brand, plans };
  }

  beforeAll(async () => {
    const user = insertMediaUser(ctx);
    for (const [site, f] of Object.entries(facts)) {
      const app = insertMediaWebapp(ctx, user, { name: f.name, url: f.url });
      for (const [p, v] of BATCH) {
        const s = script(f, "2026-03-02", p, v);
        const id = insertMediaItem(ctx, user, app, { platform: p, script: s as any, caption: s.scenes.map((x) => x.voiceover).join(" ") });
        await renderItemMedia(ctx, id, { size: { width: W, height: H } });
        const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
        const media = row.media as Record<string, any>;
        rendered.push({ site, video: join(ctx.config.storage.media_dir, media.video), media, itemId: id, platform: p, script: s });
      }
    }
  }, 900_000);

  test("record the templates each short used, four or more across each site's batch", () => {
    for (const site of Object.keys(SITES)) {
      const used = new Set(rendered.filter((r) => r.site === site).flatMap((r) => r.media.templates as string[]));
      expect(used.size).toBeGreaterThanOrEqual(4);
    }
  });

  // Each recorded text window is checked against the plan's stills: the places of every other text layer of its scene
  // (the captions while the card's text shows, the card's text while a caption shows, kept apart by the plan checks)
  // look as the plan draws them without that layer, and the active text's place looks like this layer's still more
  // than like the scene's other phase. A frame that showed two text layers at once fails the first check.
  test("frames show one text layer at a time: at each layer's mid-time the frame matches the plan's still for that one layer", async () => {
    const fonts = resolveFonts(ctx);
    const frac = (b: Box) => ({ x0: b.x / W, y0: b.y / H, x1: (b.x + b.w) / W, y1: (b.y + b.h) / H });
    const raw = async (png: Buffer) => ({ data: (await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data });
    let checked = 0;
    // Every other short of the batch (both sites, 7 shorts): each frame costs a seek and a decode, and the suite's time is bounded.
    for (const r of rendered) expect(r.media.templates).toEqual(plansOf(r).plans.map((p) => p.template));
    const sample = rendered.filter((_, i) => i % 2 === 0);
    for (const r of sample) {
      const { brand, plans } = plansOf(r);
      // Each scene's phases drawn once: its card with text and its bare voice phase.
      const drawn = new Map<string, Promise<Buffer>>();
      const once = (key: string, make: () => Promise<Buffer>) => drawn.get(key) ?? drawn.set(key, make()).get(key)!;
      const cardWithText = (k: number) =>
        once(`${k}:text`, async () => withText(await drawPhase(plans[k]!, plans[k]!.card, { brand, fonts }), plans[k]!.card.text, fonts));
      const bareVoice = (k: number) => once(`${k}:voice`, () => drawPhase(plans[k]!, plans[k]!.voice, { brand, fonts }));
      // One window per layer shown (a card's lines share theirs).
      const windows = [...new Map((r.media.textLayers as Window[]).map((w) => [`${w.scene}:${w.layer}:${w.start}`, w])).values()];
      for (const w of windows.filter((x) => x.end - x.start > 0.25)) {
        const plan = plans[w.scene]!;
        const frame = await frameAt(r.video, (w.start + w.end) / 2, W);
        const others = w.layer === "card" ? (plan.captions ? [plan.caption.box] : []) : plan.card.text.map((l) => l.box);
        // What the plan says is on screen now: the card with its own text, or the bare voice phase with this one caption.
        const expected = await raw(
          w.layer === "card" ? await cardWithText(w.scene) : await withCaption(await bareVoice(w.scene), plan, w.text, fonts),
        );
        for (const o of others)
          expect({ at: w, secondLayer: regionDiff(frame, expected, frac(o)) >= 12 }).toEqual({ at: w, secondLayer: false });
        // The active text's place looks like the planned state more than like the scene's other phase (chroma
        // subsampling at this small size keeps thin text from matching exactly); the headline's and end card's text
        // has no other phase.
        if (plan.template === "headline" || plan.template === "end") {
          expect({ at: w, active: regionDiff(frame, expected, frac(w.box)) < 12 }).toEqual({ at: w, active: true });
          continue;
        }
        const alt = await raw(w.layer === "card" ? await bareVoice(w.scene) : await cardWithText(w.scene));
        expect(regionDiff(frame, expected, frac(w.box))).toBeLessThan(regionDiff(frame, alt, frac(w.box)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(sample.length * 2);
  }, 600_000);

  test("cuts cross-fade over textless stills: mid-fade the frame lies between the outgoing scene's last still and the next scene's opening", async () => {
    const fonts = resolveFonts(ctx);
    const all = { x0: 0, y0: 0, x1: 1, y1: 1 };
    const raw = async (png: Buffer) => ({ data: (await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data });
    let fades = 0;
    for (const r of rendered.filter((_, i) => i % 3 === 0)) {
      const { brand, plans } = plansOf(r);
      const windows = r.media.textLayers as Window[];
      for (let k = 1; k < plans.length; k++) {
        // Scene k's first text shows TRANSITION after its cut; the fade runs over that textless opening.
        const cut = Math.min(...windows.filter((w) => w.scene === k).map((w) => w.start)) - TRANSITION;
        const a = await raw(
          await drawPhase(plans[k - 1]!, plans[k - 1]!.captions ? plans[k - 1]!.voice : plans[k - 1]!.card, { brand, fonts }),
        );
        const b = await raw(await drawPhase(plans[k]!, plans[k]!.card, { brand, fonts }));
        const frame = await frameAt(r.video, cut + 4.5 / 30, W);
        const ab = regionDiff({ ...frame, data: a.data }, b, all);
        if (ab < 8) continue;
        // A blend (or a soft wipe) is nearer to each end than the two ends are to each other, and is neither.
        expect({ k, toA: regionDiff(frame, a, all) < ab, toB: regionDiff(frame, b, all) < ab }).toEqual({ k, toA: true, toB: true });
        expect(Math.min(regionDiff(frame, a, all), regionDiff(frame, b, all))).toBeGreaterThan(ab * 0.15);
        fades++;
      }
    }
    expect(fades).toBeGreaterThan(4);
  }, 600_000);

  test("no stretch without text longer than a cut's tail and opening, from the first frame on", () => {
    for (const r of rendered) {
      const windows = [...(r.media.textLayers as Window[])].sort((a, b) => a.start - b.start);
      expect(windows[0]!.start).toBe(0);
      let shown = 0;
      for (const w of windows) {
        expect({ item: r.itemId, at: w.start, gap: w.start - shown <= 0.7 }).toEqual({ item: r.itemId, at: w.start, gap: true });
        shown = Math.max(shown, w.end);
      }
    }
  });

  test("contact sheets of each site's batch (one frame per scene) are written to test-output/", async () => {
    mkdirSync("test-output", { recursive: true });
    for (const site of Object.keys(SITES)) {
      const shorts = rendered.filter((r) => r.site === site);
      const frames: string[] = [];
      for (const [k, r] of shorts.entries()) {
        const windows = r.media.textLayers as { scene: number; start: number; end: number }[];
        const times = [...new Set(windows.map((w) => w.scene))].map((s) => {
          const w = windows.find((x) => x.scene === s)!;
          return (w.start + w.end) / 2;
        });
        for (const [j, t] of times.slice(0, 6).entries()) {
          const f = join(ctx.config.storage.media_dir, `sheet-${site}-${k}-${j}.png`);
          const png = await frameAt(r.video, t, W);
          await sharp(png.data, { raw: { width: png.width, height: png.height, channels: 3 } })
            .png()
            .toFile(f);
          frames.push(f);
        }
        while (frames.length % 6) frames.push(frames.at(-1)!);
      }
      const out = `test-output/media-batch-${site}.png`;
      const list = frames.flatMap((f) => ["-i", f]);
      const p = Bun.spawnSync([
        "ffmpeg",
        "-v",
        "error",
        "-y",
        ...list,
        "-filter_complex",
        `${frames.map((_, i) => `[${i}:v]`).join("")}concat=n=${frames.length}:v=1:a=0,tile=6x${shorts.length}`,
        "-frames:v",
        "1",
        out,
      ]);
      expect(p.exitCode).toBe(0);
      expect((await Bun.file(out).stat()).size).toBeGreaterThan(20_000);
    }
  }, 300_000);
});
