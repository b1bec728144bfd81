import { expect, test } from "bun:test";
import sharp from "sharp";
import { planProblems } from "../../../src/media/image-templates/checks";
import { planCard, type CardSpec } from "../../../src/media/image-templates/choose";
import type { BrandLook } from "../../../src/media/image-templates/frame";
import type { Box, ImagePlan } from "../../../src/media/image-templates/plan";
import { renderPlan } from "../../../src/media/image-templates/render";
import { makeTestContext } from "../../support/context";
import { resolveFonts } from "../../../src/media/fonts";

const fonts = (() => {
  const ctx = makeTestContext();
  try {
    return resolveFonts(ctx);
  } finally {
    ctx.cleanup();
  }
})();
const BRAND: BrandLook = { name: "Pantry Pal", link: "pantrypal.app", primary: [22, 163, 74], secondary: [15, 23, 42] };

// Mean and spread of the pixels in a box of a decoded image.
async function region(png: Buffer, b: Box): Promise<{ mean: number[]; spread: number }> {
  // stats() reads the input, not the pipeline: cut the region out first.
  const s = await sharp(await sharp(png).extract(b).png().toBuffer()).stats();
  return { mean: s.channels.slice(0, 3).map((c) => c.mean), spread: Math.max(...s.channels.slice(0, 3).map((c) => c.stdev)) };
}

async function rendered(spec: CardSpec, width: number, height: number, variant: number, brand = BRAND) {
  const plan = planCard(spec, { width, height, brand, variant, counter: "1/4" });
  expect(planProblems(plan)).toEqual([]);
  return { plan, ...(await renderPlan(plan, fonts)) };
}

function expectDrawnInsidePlan(plan: ImagePlan, drawn: { role: string; box: Box }[]) {
  for (const d of drawn) {
    const t = plan.texts.find((x) => x.role === d.role && x.box.left <= d.box.left && x.box.top <= d.box.top)!;
    expect(d.box.left + d.box.width).toBeLessThanOrEqual(t.box.left + t.box.width);
    expect(d.box.top + d.box.height).toBeLessThanOrEqual(t.box.top + t.box.height);
  }
}

test("rendered cards have the plan's size, are not blank, keep the glyphs inside the planned boxes, and show the logo", async () => {
  const cases: [CardSpec, number, number][] = [
    [{ template: "headline", hook: "Dinner sorted before 6 pm" }, 1080, 1350],
    [{ template: "stat", figure: "12,000", noun: "home cooks" }, 1200, 627],
    [{ template: "quote", quote: "We throw away half as much food now.", person: "Maria" }, 1080, 1080],
    [{ template: "cta", action: "Plan this week's dinners free" }, 1080, 1920],
  ];
  for (const [i, [spec, w, h]] of cases.entries()) {
    const { plan, png, drawn } = await rendered(spec, w, h, i);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([w, h]);
    const text = plan.texts.find((t) => t.role === "main" || t.role === "figure")!;
    // Where the main text is, the pixels vary (glyphs), unlike a flat background.
    expect((await region(png, text.box)).spread).toBeGreaterThan(20);
    expectDrawnInsidePlan(plan, drawn);
    // The logo (a monogram here) stands out from the background beside it.
    const logo = await region(png, plan.logo.box);
    const lb = plan.logo.box;
    const pw = Math.min(lb.width, Math.round(w * 0.1));
    const beside = await region(png, { top: lb.top, height: lb.height, width: pw, left: lb.left > w / 3 ? 4 : w - 4 - pw });
    const diff = Math.max(...logo.mean.map((m, c) => Math.abs(m - beside.mean[c]!)));
    expect(diff + logo.spread).toBeGreaterThan(25);
  }
});

test("a logo file is drawn in its slot", async () => {
  const ctx = makeTestContext();
  try {
    const file = `${ctx.config.storage.media_dir}/logo.png`;
    await sharp({ create: { width: 300, height: 100, channels: 4, background: "#f43f5e" } })
      .png()
      .toFile(file);
    const { plan, png } = await rendered({ template: "feature", title: "Barcode scanning" }, 1080, 1350, 2, { ...BRAND, logoFile: file });
    expect(plan.logo.file).toBe(file);
    const b = plan.logo.box;
    const drawn = await region(png, {
      left: b.left,
      top: b.top + Math.round(b.height / 3),
      width: Math.round(b.height),
      height: Math.round(b.height / 3),
    });
    // The logo's own red, not the paper background.
    expect(drawn.mean[0]!).toBeGreaterThan(200);
    expect(drawn.mean[1]!).toBeLessThan(120);
  } finally {
    ctx.cleanup();
  }
});

test("right-to-left and emoji text render inside their boxes", async () => {
  for (const hook of [
    "תכננו ארוחות לכל השבוע בשתי דקות",
    "قوائم تسوق مرتبة حسب ممرات المتجر",
    "🍝🥗 Dinner sorted 🎉 before 6 pm — 日本語も",
  ]) {
    const { plan, png, drawn } = await rendered({ template: "headline", hook }, 1080, 1080, 0);
    expectDrawnInsidePlan(plan, drawn);
    const main = plan.texts.find((t) => t.role === "main")!;
    expect((await region(png, main.box)).spread).toBeGreaterThan(20);
  }
});
