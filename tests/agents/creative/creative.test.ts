import { describe, expect, test } from "bun:test";
import { checkThread } from "../../../src/platforms/thread";
import { writePost, isFailed } from "../../../src/agents/creative";
import { writeBuiltinPost } from "../../../src/agents/creative/builtin/writer";
import { utmUrl } from "../../../src/agents/creative/utm";
import type { PostDraft, Variant, WriteRequest } from "../../../src/agents/creative/types";
import type { ProductFacts } from "../../../src/agents/research/facts";
import { PLATFORM_IDS, type PlatformId } from "../../../src/platforms/ids";
import { checkPost, PLATFORM_RULES } from "../../../src/platforms/rules";
import { FixedAnswerGateway, NoProviderGateway, PANTRY_FACTS } from "../fixtures";

function request(platform: PlatformId, facts: ProductFacts, o: Partial<WriteRequest> = {}): WriteRequest {
  const localDate = o.localDate ?? "2026-03-02";
  const variant: Variant = o.variant ?? "A";
  return {
    appId: 7,
    localDate,
    platform,
    variant,
    facts,
    trends: [],
    callToAction: "",
    linkUrl: utmUrl(
      { url: facts.url, utmSource: "{platform}", utmMedium: "social", utmCampaign: "spring-{platform}" },
      platform,
      `${localDate}-${variant}`,
    ),
    ...o,
  };
}

function assertFits(post: PostDraft) {
  // A thread fits X post by post; every other format as one caption.
  if (post.format === "thread") expect(checkThread(post.thread ?? [], post.hashtags)).toEqual([]);
  else expect(checkPost(post.platform, { title: post.title, caption: post.caption, hashtags: post.hashtags })).toEqual([]);
  const s = post.script!;
  expect(s.scenes.length).toBeGreaterThanOrEqual(3);
  expect(s.scenes.length).toBeLessThanOrEqual(6);
  for (const sc of s.scenes) expect(sc.seconds).toBeGreaterThan(0);
}

const LONG_NAME = "The Extraordinarily Comprehensive And Unbelievably Long Named Productivity Platform For Everyone Everywhere "
  .repeat(4)
  .trim();
const ADVERSARIAL: Record<string, ProductFacts> = {
  "very long product name": { ...PANTRY_FACTS, name: LONG_NAME, whatItDoes: `${LONG_NAME} helps you plan. `.repeat(3).slice(0, 600) },
  emoji: {
    ...PANTRY_FACTS,
    name: "🍕🍔 Snack Stack 🌮🥗",
    whatItDoes: "🍕 Plan snacks 🍔 with friends 🌮 ".repeat(15).slice(0, 590),
    features: Array.from({ length: 8 }, (_, i) => `🔥🔥🔥 Feature number ${"🚀".repeat(30)} ${i}`),
  },
  "RTL text": {
    ...PANTRY_FACTS,
    name: "مخطط الوجبات",
    whatItDoes: "تطبيق يساعدك على تخطيط وجباتك الأسبوعية من المكونات الموجودة في ثلاجتك. ".repeat(6).slice(0, 600),
    audience: "العائلات المشغولة",
    features: ["قوائم تسوق مرتبة حسب الممر", "تنبيهات لبقايا الطعام قبل أن تفسد"],
    keywords: ["وجبات", "طبخ"],
  },
  "URLs in the text": {
    ...PANTRY_FACTS,
    url: `https://example.com/${"very-long-path/".repeat(40)}`,
    whatItDoes: "See https://a.example/x and https://b.example/y and https://c.example/z for plans. ".repeat(5).slice(0, 600),
    features: ["Docs at https://docs.example/" + "a".repeat(150)],
  },
  "empty facts": {
    name: "X",
    url: "https://x.example/",
    whatItDoes: "",
    audience: "",
    features: [],
    proofPoints: [],
    pricing: [],
    tone: "friendly",
    keywords: [],
  },
};

describe("creative agent: every platform, always within limits", () => {
  for (const [label, facts] of Object.entries({ normal: PANTRY_FACTS, ...ADVERSARIAL })) {
    test(`${label}: builtin writer output fits all six platforms, both variants, a week of dates`, async () => {
      for (const platform of PLATFORM_IDS) {
        for (const variant of ["A", "B"] as Variant[]) {
          for (let d = 1; d <= 7; d++) {
            const post = await writePost(new NoProviderGateway(), 1, request(platform, facts, { variant, localDate: `2026-03-0${d}` }));
            if (isFailed(post)) {
              // Failing is allowed only with a reason a person can act on.
              expect(post.reason).toMatch(/Could not fit the .* post/);
              continue;
            }
            expect(post.writer).toBe("builtin");
            assertFits(post);
          }
        }
      }
    });
  }

  test("the normal product never fails on any platform", async () => {
    for (const platform of PLATFORM_IDS)
      expect(isFailed(await writePost(new NoProviderGateway(), 1, request(platform, PANTRY_FACTS)))).toBe(false);
  });

  test("a week of posts does not repeat itself; the same day is deterministic", () => {
    for (const platform of PLATFORM_IDS) {
      const week = Array.from({ length: 7 }, (_, i) =>
        writeBuiltinPost(request(platform, PANTRY_FACTS, { localDate: `2026-03-0${i + 1}` })),
      );
      expect(new Set(week.map((p) => p.hook)).size).toBe(7);
      expect(writeBuiltinPost(request(platform, PANTRY_FACTS))).toEqual(writeBuiltinPost(request(platform, PANTRY_FACTS)));
    }
  });

  test("variants A and B differ; UTM parameters name platform and item", async () => {
    const a = (await writePost(new NoProviderGateway(), 1, request("linkedin", PANTRY_FACTS, { variant: "A" }))) as PostDraft;
    const b = (await writePost(new NoProviderGateway(), 1, request("linkedin", PANTRY_FACTS, { variant: "B" }))) as PostDraft;
    expect(a.caption).not.toBe(b.caption);
    const u = new URL(a.linkUrl);
    expect(u.searchParams.get("utm_source")).toBe("linkedin");
    expect(u.searchParams.get("utm_campaign")).toBe("spring-linkedin");
    expect(u.searchParams.get("utm_content")).toBe("2026-03-02-A");
    expect(a.caption).toContain(a.linkUrl);
    const ig = (await writePost(new NoProviderGateway(), 1, request("instagram", PANTRY_FACTS))) as PostDraft;
    // Links in Instagram captions are not clickable: the link and call to action go in the first comment.
    expect(ig.caption).not.toContain("pantrypal.example");
    expect(ig.firstComment).toContain(ig.linkUrl);
    expect(ig.caption).not.toContain("utm_");
  });

  test("builtin copy makes only claims found in the facts", async () => {
    for (const platform of PLATFORM_IDS) {
      const post = (await writePost(new NoProviderGateway(), 1, request(platform, PANTRY_FACTS))) as PostDraft;
      const text = post.caption.replace(/https?:\/\/\S+/g, "");
      for (const n of text.match(/\d[\d,.]*\d|\d/g) ?? []) expect(JSON.stringify(PANTRY_FACTS)).toContain(n);
      expect(post.title.length).toBe(platform === "youtube" ? post.title.length : 0);
    }
  });

  test("the model path: valid answers are still claim-checked and fitted", async () => {
    const llm = new FixedAnswerGateway((req) => ({
      title: "Pantry Pal: the award-winning app loved by 1 million families, with dinner plans from your fridge and much more besides",
      hook: "Dinner from what's already in your fridge.",
      body:
        "Pantry Pal plans a week of dinners in minutes. Join 50,000 happy families today! Trusted by 12,000 home cooks. " +
        "Less waste, more dinners. ".repeat(20),
      callToAction: "Start free at https://evil.example/phish",
      hashtags: ["#MealPlanning", "food waste", "!!!", "Recipes", "Dinner", "Family"],
      scenes: [
        { onScreenText: "Dinner, sorted", voiceover: "Dinner from what's in your fridge.", visual: "brand gradient zoom", seconds: 3 },
        { onScreenText: "1 million fans", voiceover: "Loved by 1 million families.", visual: "quote card", seconds: 3 },
        { onScreenText: "Try it", voiceover: "Start free today.", visual: "end card", seconds: 3 },
      ],
    }));
    const post = (await writePost(llm, 1, request("x", PANTRY_FACTS))) as PostDraft;
    expect(post.writer).toBe("fixed:fixed-1");
    expect(llm.requests[0]!.agent).toBe("creative");
    expect(post.caption).not.toContain("50,000");
    expect(post.caption).not.toContain("evil.example");
    expect(post.caption).toContain("utm_source=x");
    expect(post.notes.some((n) => n.includes("50,000"))).toBe(true);
    expect(post.hashtags.length).toBeLessThanOrEqual(PLATFORM_RULES.x.hashtagsMax);
    assertFits(post);
    expect(post.script!.scenes.map((s) => s.voiceover).join(" ")).not.toContain("1 million");
    const yt = (await writePost(llm, 1, request("youtube", PANTRY_FACTS))) as PostDraft;
    expect(yt.title).not.toContain("award");
    expect(yt.title).toBe("Pantry Pal");
    expect(checkPost("youtube", yt)).toEqual([]);
  });
});
