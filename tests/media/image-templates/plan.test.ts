import { describe, expect, test } from "bun:test";
import type { Rgb } from "../../../src/media/color";
import { layerContrast, planProblems } from "../../../src/media/image-templates/checks";
import { headlineWords, planCard, postCard, slideCard, type CardFacts, type CardSpec } from "../../../src/media/image-templates/choose";
import { fitText, lineWidth } from "../../../src/media/image-templates/fit";
import type { BrandLook } from "../../../src/media/image-templates/frame";
import type { ImagePlan } from "../../../src/media/image-templates/plan";
import { INK, MIN_CONTRAST } from "../../../src/media/image-templates/style";

const GREEN: BrandLook = { name: "Pantry Pal", link: "pantrypal.app", primary: [22, 163, 74], secondary: [15, 23, 42] };
const SIZES: [number, number][] = [
  [1080, 1350],
  [1080, 1080],
  [1200, 627],
  [1080, 1920],
];
const LONG_HOOK = "Plan a whole week of family dinners from what is already in your cupboard ".repeat(6).slice(0, 400);
const UNBROKEN = "Supercalifragilisticexpialidoc"; // 30 letters, no break
const SPECS: CardSpec[] = [
  { template: "headline", hook: "Dinner sorted before 6 pm", sub: "Plans from what you already have." },
  { template: "feature", title: "Shopping lists sorted by supermarket aisle" },
  { template: "stat", figure: "12,000", noun: "home cooks", sentence: "Trusted by 12,000 home cooks." },
  { template: "quote", quote: "We throw away half as much food now.", person: "Maria", role: "mother of three" },
  {
    template: "price",
    plans: [
      { name: "Free", price: "0 €" },
      { name: "Pro", price: "20€ / month", includes: ["Mock servers"] },
    ],
  },
  { template: "cta", action: "Plan this week's dinners free" },
];

function plansFor(spec: CardSpec, brand: BrandLook = GREEN): ImagePlan[] {
  return SIZES.flatMap(([width, height]) =>
    [0, 1, 2, 3].map((variant) => planCard(spec, { width, height, brand, variant, counter: "2/5" })),
  );
}

describe("every template at every size and style", () => {
  for (const spec of SPECS)
    test(`${spec.template}: no overflow, no overlap, inside the safe area, contrast >= 4.5, a logo`, () => {
      for (const plan of plansFor(spec)) expect(planProblems(plan)).toEqual([]);
    });
});

describe("hostile words", () => {
  test("a 400-character hook is set smaller than a short one and still fits whole", () => {
    for (const [width, height] of SIZES) {
      const c = { width, height, brand: GREEN, variant: 0 };
      const long = planCard({ template: "headline", hook: LONG_HOOK }, c);
      const short = planCard({ template: "headline", hook: "Dinner sorted" }, c);
      expect(planProblems(long)).toEqual([]);
      const main = (p: ImagePlan) => p.texts.find((t) => t.role === "main")!;
      expect(main(long).size).toBeLessThan(main(short).size);
      if (!main(long).cut) expect(main(long).lines.join(" ")).toBe(LONG_HOOK.replace(/\s+/g, " ").trim());
    }
  });

  test("text that cannot fit even at the smallest size is cut at a word with an ellipsis, never inside a word", () => {
    const words = LONG_HOOK.repeat(6).split(/\s+/).filter(Boolean);
    const plan = planCard({ template: "headline", hook: words.join(" ") }, { width: 1200, height: 627, brand: GREEN, variant: 1 });
    expect(planProblems(plan)).toEqual([]);
    const main = plan.texts.find((t) => t.role === "main")!;
    expect(main.cut).toBe(true);
    expect(main.lines.at(-1)!.endsWith("…")).toBe(true);
    const set = main.lines.join(" ").replace(/…$/, "").split(" ");
    // Every word drawn is a whole word of the text, in order.
    expect(set).toEqual(words.slice(0, set.length));
  });

  test("a 30-character unbroken word shrinks the type until it fits on its own line, whole", () => {
    for (const [width, height] of SIZES)
      for (const template of ["headline", "feature"] as const) {
        const spec: CardSpec =
          template === "headline" ? { template, hook: `Meet ${UNBROKEN} today` } : { template, title: `${UNBROKEN} ${UNBROKEN}` };
        const plan = planCard(spec, { width, height, brand: GREEN, variant: 2 });
        expect(planProblems(plan)).toEqual([]);
        const main = plan.texts.find((t) => t.role === "main")!;
        expect(main.lines.some((l) => l.split(" ").includes(UNBROKEN))).toBe(true);
      }
    // Far too narrow a box: the word is set smaller than the minimum rather than broken.
    const f = fitText(UNBROKEN, 200, 400, { maxSize: 60, minSize: 30 });
    expect(f.lines).toEqual([UNBROKEN]);
    expect(lineWidth(UNBROKEN, f.size)).toBeLessThanOrEqual(200);
  });

  test("right-to-left text is set from the right; emoji and mixed scripts still fit", () => {
    const hebrew = planCard(
      { template: "headline", hook: "תכננו ארוחות לכל השבוע בשתי דקות" },
      { width: 1080, height: 1350, brand: GREEN, variant: 0 },
    );
    const arabic = planCard(
      { template: "feature", title: "قوائم تسوق مرتبة حسب ممرات المتجر" },
      { width: 1080, height: 1080, brand: GREEN, variant: 1 },
    );
    for (const p of [hebrew, arabic]) {
      expect(planProblems(p)).toEqual([]);
      expect(p.texts.find((t) => t.role === "main")!.align).toBe("right");
    }
    const emoji = planCard(
      { template: "headline", hook: "🍝🥗🍲 Dinner sorted 🎉 before 6 pm — 日本語も" },
      { width: 1200, height: 627, brand: GREEN, variant: 0 },
    );
    expect(planProblems(emoji)).toEqual([]);
    expect(emoji.texts.find((t) => t.role === "main")!.align).toBe("left");
  });
});

describe("brand colours that fail contrast", () => {
  test("a light brand colour that fails on white gets dark text on its own colour, and a darkened accent on paper", () => {
    const pale: BrandLook = { ...GREEN, primary: [253, 230, 138], secondary: [254, 243, 199] };
    for (const spec of SPECS) for (const plan of plansFor(spec, pale)) expect(planProblems(plan)).toEqual([]);
    // Variant 1 is the brand-colour style: the background stays pale yellow and the text turns dark.
    const brandStyle = planCard(SPECS[0]!, { width: 1080, height: 1350, brand: pale, variant: 1 });
    expect(brandStyle.background.stops[0]).toEqual([253, 230, 138]);
    expect(brandStyle.texts.find((t) => t.role === "main")!.color).toEqual(INK);
    // Variant 2 is paper: the stat's figure is the brand hue darkened until it reads on near-white.
    const paper = planCard(SPECS[2]!, { width: 1080, height: 1350, brand: pale, variant: 2 });
    const figure = paper.texts.find((t) => t.role === "figure")!;
    expect(figure.color).not.toEqual([253, 230, 138]);
    expect(figure.color[2]).toBeLessThan(figure.color[0]); // still the yellow's hue
    expect(layerContrast(paper, figure)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  test("a mid grey on which neither white nor dark text reaches 4.5:1 is darkened until white does", () => {
    const grey: Rgb = [124, 124, 124];
    const plan = planCard(SPECS[0]!, { width: 1080, height: 1080, brand: { ...GREEN, primary: grey, secondary: grey }, variant: 1 });
    expect(planProblems(plan)).toEqual([]);
    expect(plan.background.stops[0]![0]).toBeLessThan(124);
    expect(plan.texts.find((t) => t.role === "main")!.color).toEqual([255, 255, 255]);
  });
});

describe("the checks fail bad plans", () => {
  const good = () => planCard(SPECS[0]!, { width: 1080, height: 1350, brand: GREEN, variant: 0 });
  test("overflow, overlap, outside the safe area, low contrast and a missing logo are each named", () => {
    const wide = good();
    const main = wide.texts.find((t) => t.role === "main")!;
    main.box = { ...main.box, width: 100 };
    expect(planProblems(wide)).toContain(
      `main text is ${Math.round(Math.max(...main.lines.map((l) => lineWidth(l, main.size))))} px wide in a 100 px box`,
    );

    const tall = good();
    tall.texts.find((t) => t.role === "main")!.box.height = 10;
    expect(planProblems(tall)).toContain("main text runs past the bottom of its box");

    const overlap = good();
    const sub = overlap.texts.find((t) => t.role === "sub")!;
    sub.box = { ...overlap.texts.find((t) => t.role === "main")!.box };
    expect(planProblems(overlap)).toContain("main and sub texts overlap");

    const outside = good();
    outside.texts.find((t) => t.role === "link")!.box.top = 1340;
    expect(planProblems(outside)).toContain("link text is outside the safe area");

    const faint = good();
    faint.texts.find((t) => t.role === "main")!.color = faint.background.stops[0]!;
    expect(planProblems(faint).some((p) => p.startsWith("main text has contrast 1.00:1"))).toBe(true);

    const bare = good();
    bare.logo = { box: bare.logo.box };
    expect(planProblems(bare)).toContain("no logo");

    const onLogo = good();
    onLogo.texts.find((t) => t.role === "main")!.box = { ...onLogo.logo.box };
    expect(planProblems(onLogo)).toContain("main text overlaps the logo");
  });
});

describe("which template a slide or post takes", () => {
  const facts = {
    features: ["Responses under 2 MB open instantly", "Collections you can share"],
    pricing: ["0 €", "20€ / month"],
    proof: [
      { number: "2", noun: "MB", sentence: "Responses under 2 MB open instantly", url: "" },
      { number: "40,000", noun: "developers", sentence: "Used by 40,000 developers.", url: "" },
    ],
    testimonials: [
      { quote: "HITOP replaced three tools on my desk.", person: "Jane Roe", role: "CTO at Acme", source: { url: "", text: "" } },
    ],
    plans: [
      { name: "Free", price: "0 €", amount: "0", currency: "€", period: "", includes: [], limits: [], source: { url: "", text: "" } },
      {
        name: "Pro",
        price: "20€ / month",
        amount: "20",
        currency: "€",
        period: "month",
        includes: ["Mock servers"],
        limits: [],
        source: { url: "", text: "" },
      },
    ],
  } as unknown as CardFacts;
  test("cover -> headline, a number -> stat, a plan -> price, a quote with its person -> testimonial, else feature, last -> end card", () => {
    const t = (kind: "cover" | "fact" | "cta", text: string) => slideCard({ kind, text }, facts);
    expect(t("cover", "Used by 40,000 developers.").template).toBe("headline");
    expect(t("fact", "Used by 40,000 developers.")).toEqual({
      template: "stat",
      figure: "40,000",
      noun: "developers",
      sentence: "Used by 40,000 developers.",
    });
    expect(t("fact", "The plan at a glance: Pro (20€ / month).")).toMatchObject({
      template: "price",
      plans: [{ name: "Pro" }, { name: "Free" }],
    });
    expect(t("fact", "“HITOP replaced three tools on my desk.” — Jane Roe, CTO at Acme")).toMatchObject({
      template: "quote",
      person: "Jane Roe",
    });
    expect(t("fact", "Responses under 2 MB open instantly.").template).toBe("feature");
    expect(t("fact", "Collections you can share.").template).toBe("feature");
    expect(t("cta", "See how it works").template).toBe("cta");
  });

  test("an image post's template moves with the seed among those its words allow", () => {
    const post = { hook: "Used by 40,000 developers", keyLine: "", caption: "Pro is 20€ / month. Collections you can share." };
    const seen = new Set([0, 1, 2, 3, 4, 5].map((seed) => postCard(post, facts, seed).template));
    expect(seen).toEqual(new Set(["headline", "stat", "price", "feature"]));
  });

  test("a short's cover never repeats its hook under itself: the hook's second sentence, or no line", () => {
    // The short's opening scene shows the hook: as the key line it would repeat the headline.
    expect(headlineWords("Dinner sorted in two minutes? Plan the week once.", "Dinner sorted in two minutes?")).toEqual({
      hook: "Dinner sorted in two minutes?",
      sub: "Plan the week once.",
    });
    expect(headlineWords("Notes that work offline", "Notes that work offline")).toEqual({ hook: "Notes that work offline" });
    expect(headlineWords("Notes that work offline, on every device", "Notes that work offline")).toEqual({
      hook: "Notes that work offline, on every device",
    });
    // A decimal point is not the end of a sentence; a key line that says something else stays.
    expect(headlineWords("Version 2.5 is out", "Version 2.5 is out")).toEqual({ hook: "Version 2.5 is out" });
    expect(headlineWords("Notes that work offline", "Sync when you are back")).toEqual({
      hook: "Notes that work offline",
      sub: "Sync when you are back",
    });
    for (const seed of [0, 1, 2, 3]) {
      const card = postCard({ hook: "Notes that work offline", keyLine: "Notes that work offline", caption: "" }, facts, seed);
      if (card.template === "headline" || card.template === "feature") expect(card).not.toHaveProperty("sub", "Notes that work offline");
    }
  });
});
