import { describe, expect, test } from "bun:test";
import { checkClaims, isFailed, writePost } from "../../../src/agents/creative";
import { writeBuiltinPost } from "../../../src/agents/creative/builtin/writer";
import type { PostDraft, WriteRequest } from "../../../src/agents/creative/types";
import { utmUrl } from "../../../src/agents/creative/utm";
import type { ProductFacts } from "../../../src/agents/research/facts";
import type { PlatformId } from "../../../src/platforms/ids";
import { NoProviderGateway, PANTRY_FACTS } from "../fixtures";

function request(platform: PlatformId, facts: ProductFacts = PANTRY_FACTS, o: Partial<WriteRequest> = {}): WriteRequest {
  const localDate = o.localDate ?? "2026-03-02";
  return {
    appId: 7,
    localDate,
    platform,
    variant: "A",
    facts,
    trends: [],
    callToAction: "",
    linkUrl: utmUrl({ url: facts.url, utmSource: "{platform}", utmMedium: "social", utmCampaign: "c" }, platform, `${localDate}-A`),
    format: "carousel",
    ...o,
  };
}

async function carousel(platform: PlatformId, o: Partial<WriteRequest> = {}, facts: ProductFacts = PANTRY_FACTS): Promise<PostDraft> {
  const post = await writePost(new NoProviderGateway(), 1, request(platform, facts, o));
  if (isFailed(post)) throw new Error(post.reason);
  return post;
}

describe("carousel copy: cover with the hook, one fact a slide, the call to action last", () => {
  for (const platform of ["instagram", "facebook", "linkedin"] as const)
    test(`${platform}: 3 to 7 slides, each fact slide in the site's words beside its snippet, no link on a slide`, async () => {
      const post = await carousel(platform);
      const slides = post.slides!;
      expect(post.format).toBe("carousel");
      expect(slides.length).toBeGreaterThanOrEqual(3);
      expect(slides.length).toBeLessThanOrEqual(7);
      expect(slides.map((s) => s.kind as string)).toEqual(["cover", ...slides.slice(1, -1).map(() => "fact"), "cta"]);
      expect(slides[0]!.text).toBe(post.hook);
      expect(new Set(slides.map((s) => s.text.toLowerCase())).size).toBe(slides.length);
      for (const s of slides) expect(s.text).not.toMatch(/https?:\/\//);
      for (const [i, s] of slides.entries())
        if (s.kind === "fact") expect(post.sources.filter((r) => r.field === `slide ${i + 1}`).every((r) => r.snippet !== "")).toBe(true);
      expect(post.unsupportedClaims).toEqual([]);
    });

  test("another day or a regeneration leads with other facts", async () => {
    const a = (await carousel("instagram")).slides!.map((s) => s.text);
    const b = (await carousel("instagram", { localDate: "2026-03-03" })).slides!.map((s) => s.text);
    const c = (await carousel("instagram", { revision: 1 })).slides!.map((s) => s.text);
    expect(a[1]).not.toBe(b[1]);
    expect(a[1]).not.toBe(c[1]);
  });

  test("the claims check reads every slide: an invented slide goes, an invented cover or end is replaced", () => {
    const req = request("instagram");
    const parts = writeBuiltinPost(req);
    const checked = checkClaims(
      {
        ...parts,
        slides: [
          { kind: "cover", text: "The award-winning planner for busy parents." },
          { kind: "fact", text: "Pantry Pal comes with 500 recipes." },
          { kind: "fact", text: "Trusted by 12,000 home cooks." },
          { kind: "cta", text: "Get 50% off with code LAUNCH50, only 100 spots left." },
        ],
      },
      req,
    );
    const slides = checked.parts.slides!;
    expect(slides.map((s) => s.kind)).toEqual(["cover", "fact", "cta"]);
    expect(slides[0]!.text).not.toContain("award");
    expect(slides[1]!.text).toBe("Trusted by 12,000 home cooks.");
    expect(slides[2]!.text).not.toMatch(/50%|LAUNCH50|100 spots/);
    expect(checked.notes.some((n) => n.includes("slide 2") && n.includes("500"))).toBe(true);
  });

  test("a site with too few facts for three slides gets a single image instead, and the note says why", async () => {
    const bare: ProductFacts = { ...PANTRY_FACTS, features: [], proofPoints: [], pricing: [], whatItDoes: "" };
    const post = await carousel("instagram", {}, bare);
    expect(post.format).toBe("image");
    expect(post.slides).toBeUndefined();
    expect(post.notes.some((n) => n.includes("too few facts"))).toBe(true);
  });
});
