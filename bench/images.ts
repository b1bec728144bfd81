/**
 * `bun run bench images`: the time to draw a day's images from the image templates: seven post images (one per
 * template and a second headline) at 1080x1350 with the plan checks, a seven-slide carousel, and the same seven
 * posts at each of their sizes (platform size + square), one after another as the render worker does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../src/config/load";
import type { Brand } from "../src/media/brand";
import { planProblems } from "../src/media/image-templates/checks";
import type { CardSpec } from "../src/media/image-templates/choose";
import { renderCardFile } from "../src/media/images";
import { renderSlides } from "../src/media/slides";
import type { Slide } from "../src/platforms/carousel";
import type { Bench, Figure } from "./support";

const BRAND: Brand = {
  name: "MealPlan",
  sayNameAs: "",
  url: "https://mealplan.example.com/",
  primary: [22, 163, 74],
  secondary: [15, 23, 42],
};
const POSTS: CardSpec[] = [
  { template: "headline", hook: "Dinner sorted before 6 pm, every day of the week", sub: "Plans from what is already in your cupboard." },
  { template: "feature", title: "Shopping lists sorted by supermarket aisle" },
  { template: "stat", figure: "12,000", noun: "home cooks", sentence: "Trusted by 12,000 home cooks across Europe." },
  { template: "quote", quote: "We throw away half as much food now.", person: "Maria", role: "mother of three" },
  {
    template: "price",
    plans: [
      { name: "Free", price: "0 €" },
      { name: "Family", price: "4.99 € / month", includes: ["Shared lists"] },
    ],
  },
  { template: "cta", action: "Plan this week's dinners free" },
  { template: "headline", hook: "Leftover alerts before food goes off" },
];
const SIZES: [number, number][] = [
  [1080, 1350],
  [1080, 1080],
  [1200, 627],
  [1080, 1920],
];

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [(performance.now() - t) / 1000, r];
}

export const bench: Bench = {
  name: "images",
  summary: "seven template cards, a seven-slide carousel, and seven posts at two sizes each, drawn with sharp one at a time",
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(join(tmpdir(), "amarktai-bench-images-"));
    const { media } = parseConfig("", undefined, { AMARKTAI_DATA_DIR: join(dir, "data"), AMARKTAI_MEDIA_DIR: dir });
    const fonts = { bold: media.font_bold, regular: media.font_regular };
    const file = (name: string) => ({ outDir: dir, relDir: ".", name, target: name });
    try {
      // One warm-up card: the first sharp call loads libvips and fontconfig.
      await renderCardFile(POSTS[0]!, { brand: BRAND, fonts, size: [1080, 1350], variant: 0 }, file("warm.jpg"));
      const [seven, cards] = await timed(async () => {
        const out = [];
        for (const [i, spec] of POSTS.entries())
          out.push(await renderCardFile(spec, { brand: BRAND, fonts, size: [1080, 1350], variant: i }, file(`post-${i}.jpg`)));
        return out;
      });
      const problems = cards.flatMap((c) => planProblems(c.plan));
      if (problems.length) throw new Error(`bench: a card's plan fails its checks: ${problems.join("; ")}`);
      const slides: Slide[] = [
        { kind: "cover", text: "Dinner sorted before 6 pm, every day of the week" },
        { kind: "fact", text: "Trusted by 12,000 home cooks across Europe." },
        { kind: "fact", text: "Shopping lists sorted by supermarket aisle." },
        { kind: "fact", text: "“We throw away half as much food now.” — Maria, mother of three" },
        { kind: "fact", text: "Leftover alerts before food goes off." },
        { kind: "fact", text: "Import recipes from any website." },
        { kind: "cta", text: "Plan this week's dinners free" },
      ];
      const [carousel] = await timed(() =>
        renderSlides({
          brand: BRAND,
          fonts,
          slides,
          facts: { features: [], pricing: [] },
          seed: 1,
          size: [1080, 1350],
          outDir: dir,
          relDir: ".",
          stem: "c",
        }),
      );
      const [batch] = await timed(async () => {
        for (const [i, spec] of POSTS.entries())
          for (const size of [SIZES[i % SIZES.length]!, [1080, 1080] as [number, number]])
            await renderCardFile(spec, { brand: BRAND, fonts, size, variant: i }, file(`b-${i}-${size.join("x")}.jpg`));
      });
      return [
        {
          name: "7 post images, 1080x1350, one template each",
          value: seven,
          unit: "s",
          note: `${((seven / 7) * 1000).toFixed(0)} ms an image (plan, checks, sharp, JPEG)`,
        },
        { name: "7-slide carousel, 1080x1350", value: carousel, unit: "s" },
        { name: "7 posts x 2 sizes (platform + square)", value: batch, unit: "s", note: "14 JPEGs" },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
