import { describe, expect, test } from "bun:test";
import { SCENE_TEMPLATES } from "../../src/content/script";
import type { Brand } from "../../src/media/brand";
import { planProblems } from "../../src/media/design/checks";
import { PICTURE_TEMPLATES, planShort, scenesWithTemplates, templateFor } from "../../src/media/design/pick";
import { SAFE_INSETS, safeZoneFor } from "../../src/media/design/safe-zones";
import { planScene } from "../../src/media/design/templates";
import { designTokens } from "../../src/media/design/tokens";
import { readVideoScript } from "../../src/media/script-check";

const brand = (primary: [number, number, number], secondary: [number, number, number]): Brand => ({
  name: "MealPlan",
  sayNameAs: "",
  url: "https://mealplan.example.com",
  primary,
  secondary,
});
const BRANDS = [brand([22, 163, 74], [15, 23, 42]), brand([250, 204, 21], [254, 240, 138]), brand([37, 99, 235], [30, 64, 175])];
const PLATFORMS = ["tiktok", "instagram", "facebook", "youtube", "x", "linkedin"];
const content = { text: "Your list writes itself", detail: "sorted by aisle", name: "MealPlan", link: "mealplan.example.com", seed: 3 };

describe("scene templates", () => {
  test("every template passes the plan checks on every platform, for light, mid and dark brands", () => {
    for (const b of BRANDS)
      for (const p of PLATFORMS)
        for (const t of SCENE_TEMPLATES) {
          const plan = planScene(t, designTokens(b, 1080, 1920), safeZoneFor(p, 1080, 1920), content);
          expect({ t, p, problems: planProblems(plan) }).toEqual({ t, p, problems: [] });
        }
  });

  test("a card scene with the app's picture shows it above the captions in its voice phase, and still passes the checks", () => {
    for (const p of PLATFORMS)
      for (const t of SCENE_TEMPLATES) {
        const plan = planScene(t, designTokens(BRANDS[0]!, 1080, 1920), safeZoneFor(p, 1080, 1920), { ...content, picture: true });
        expect({ t, p, problems: planProblems(plan) }).toEqual({ t, p, problems: [] });
        const pic = plan.voice.layers.find((l) => l.kind === "picture");
        expect({ t, has: !!pic }).toEqual({ t, has: PICTURE_TEMPLATES.includes(t) });
        if (pic) expect(pic.box.y + pic.box.h).toBeLessThanOrEqual(plan.caption.box.y);
      }
  });

  test("text stays out of each player's overlay areas", () => {
    for (const p of PLATFORMS) {
      const zone = safeZoneFor(p, 1080, 1920);
      const plan = planScene("stat", designTokens(BRANDS[0]!, 1080, 1920), zone, content);
      const bottom = Math.max(...[...plan.card.text.map((l) => l.box), plan.caption.box].map((b) => b.y + b.h));
      expect(bottom).toBeLessThanOrEqual(
        1920 *
          (1 -
            SAFE_INSETS[p === "youtube" ? "shorts" : p === "tiktok" ? "tiktok" : p === "x" || p === "linkedin" ? "player" : "reels"]
              .bottom),
      );
    }
    // Reels reserve the bottom 35 %: the caption band sits higher there than on TikTok.
    const capY = (p: string) =>
      planScene("feature", designTokens(BRANDS[0]!, 1080, 1920), safeZoneFor(p, 1080, 1920), content).caption.box.y;
    expect(capY("instagram")).toBeLessThan(capY("tiktok"));
  });

  test("the checks catch overlapping text, text in an overlay area, low contrast and a missing logo", () => {
    const t = designTokens(BRANDS[0]!, 1080, 1920);
    const zone = safeZoneFor("tiktok", 1080, 1920);
    const good = planScene("stat", t, zone, content);
    const [num, noun] = good.card.text;
    const overlap = { ...good, card: { ...good.card, text: [num!, { ...noun!, box: { ...noun!.box, y: num!.box.y + 10 } }] } };
    expect(planProblems(overlap).join()).toContain("overlaps");
    const low = { ...good, caption: { ...good.caption, box: { ...good.caption.box, y: 1700 } } };
    expect(planProblems(low).join()).toContain("leaves the safe zone");
    const grey = { ...good, card: { ...good.card, text: [{ ...num!, color: [150, 150, 150] as [number, number, number] }] } };
    expect(planProblems(grey).join()).toMatch(/reaches 2\.\d\d:1/);
    const noLogo = { ...good, voice: { ...good.voice, layers: good.voice.layers.filter((l) => l.kind !== "logo") } };
    expect(planProblems(noLogo)).toContain("stat (voice): no logo");
    const liar = {
      ...good,
      card: {
        ...good.card,
        text: [{ ...num!, on: [0, 0, 0] as [number, number, number], color: [255, 255, 255] as [number, number, number] }],
      },
    };
    expect(planProblems(liar).join()).toContain("not on the solid colour");
    // A card's own text where the captions show (the cards were once centred over the band).
    const band = good.caption.box;
    const low2 = { ...good, card: { ...good.card, text: [num!, { ...noun!, box: { ...noun!.box, y: band.y + 4, h: band.h - 8 } }] } };
    expect(planProblems(low2).join()).toContain("lies in the caption band");
  });

  test("templates are read from a script without them: price, quote, number, screenshot, end card", () => {
    const s = (onScreenText: string, visual = "") => ({ onScreenText, voiceover: "x", visual, seconds: 3 });
    expect(templateFor(s("Dinner sorted?"), 0, 5, true)).toBe("headline");
    expect(templateFor(s("Pro plan: $9 a month"), 1, 5, true)).toBe("plan");
    expect(templateFor(s("“Saves my Sundays” — Ana"), 1, 5, true)).toBe("testimonial");
    expect(templateFor(s("3 hours saved every week"), 1, 5, true)).toBe("stat");
    expect(templateFor(s("Share the list", "screenshot:home scroll"), 1, 5, true)).toBe("device");
    expect(templateFor(s("Share the list", "screenshot:home scroll"), 1, 5, false)).toBe("feature");
    expect(templateFor(s("Try it", "end card: logo and link"), 4, 5, true)).toBe("end");
  });

  test("the stored script keeps the template and second line the writer chose, so the short is drawn as written", () => {
    const stored = {
      hook: "h",
      callToAction: "Try it",
      url: "",
      scenes: [
        { onScreenText: "Dinner sorted?", template: "headline", voiceover: "a b c d", visual: "kinetic headline", seconds: 2 },
        // Read again from its words this would be a plan card split as "€4" + "Pro: per month".
        { onScreenText: "€4 per month", template: "plan", detail: "Pro", voiceover: "a b c d", visual: "", seconds: 3 },
        { onScreenText: "Lists by aisle", template: "no-such-template", detail: " ", voiceover: "a b c d", visual: "", seconds: 3 },
      ],
    };
    const script = readVideoScript(stored);
    if (typeof script === "string") throw new Error(script);
    expect(script.scenes.map((s) => [s.template, s.detail])).toEqual([
      ["headline", undefined],
      ["plan", "Pro"],
      [undefined, undefined],
    ]);
    const plans = planShort(scenesWithTemplates(script, false), {
      brand: BRANDS[0]!,
      url: "",
      platform: "tiktok",
      width: 1080,
      height: 1920,
      seed: 1,
    });
    expect(plans[1]!.card.text.map((l) => l.text)).toEqual(["Pro", "€4 per month"]);
  });

  test("a short gets exactly one end card, and its stat and plan cards split the number from its noun", () => {
    const script = {
      hook: "h",
      callToAction: "Try MealPlan free",
      url: "https://mealplan.example.com/?utm_source=x",
      scenes: [
        { onScreenText: "Dinner sorted?", voiceover: "a", visual: "", seconds: 2 },
        { onScreenText: "3 hours saved every week", voiceover: "b", visual: "", seconds: 2 },
        { onScreenText: "Pro: €4 per month", voiceover: "c", visual: "", seconds: 2 },
      ],
    };
    const scenes = scenesWithTemplates(script, false);
    expect(scenes.map((s) => s.template)).toEqual(["headline", "stat", "plan", "end"]);
    const plans = planShort(scenes, { brand: BRANDS[0]!, url: script.url, platform: "tiktok", width: 1080, height: 1920, seed: 1 });
    expect(plans[1]!.card.text.map((l) => l.text)).toEqual(["3 hours", "saved every week"]);
    expect(plans[2]!.card.text.map((l) => l.text)).toEqual(["Pro: per month", "€4"]);
    expect(plans[3]!.card.text.map((l) => l.text)).toEqual(["MealPlan", "Try MealPlan free", "mealplan.example.com"]);
    for (const p of plans) expect(planProblems(p)).toEqual([]);
  });

  test("a stat card splits only a number that leads its line, and keeps the unit with the number", () => {
    const s = (onScreenText: string, template?: "stat") => ({ onScreenText, voiceover: "x", visual: "", seconds: 3, template });
    const statText = (line: string, template?: "stat") => {
      const scenes = scenesWithTemplates({ hook: "h", callToAction: "Try it", url: "", scenes: [s("Hi"), s(line, template)] }, false);
      const plans = planShort(scenes, { brand: BRANDS[0]!, url: "", platform: "tiktok", width: 1080, height: 1920, seed: 1 });
      return { template: scenes[1]!.template, text: plans[1]!.card.text.map((l) => l.text) };
    };
    // The number inside the sentence: no stat card (it would read "2" + "Responses under MB open instantly").
    expect(statText("Responses under 2 MB open instantly")).toEqual({ template: "feature", text: ["Responses under 2 MB open instantly"] });
    expect(statText("Responses under 2 MB open instantly", "stat").template).toBe("feature");
    expect(statText("Save 3 hours a week").template).toBe("feature");
    expect(statText("2 MB pages open instantly")).toEqual({ template: "stat", text: ["2 MB", "pages open instantly"] });
    expect(statText("30% fewer no-shows")).toEqual({ template: "stat", text: ["30%", "fewer no-shows"] });
    expect(statText("Under 2 MB: every page")).toEqual({ template: "stat", text: ["Under 2 MB", "every page"] });
    expect(statText("$9 saved on every order", "stat")).toEqual({ template: "stat", text: ["$9", "saved on every order"] });
    expect(statText("10x faster builds")).toEqual({ template: "stat", text: ["10x", "faster builds"] });
  });
});
