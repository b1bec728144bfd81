import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isFailed, writePost } from "../../../src/agents/creative";
import { linkInFirstComment } from "../../../src/agents/creative/first-comment";
import { fitThread, wantsNumbering } from "../../../src/agents/creative/thread";
import type { PostDraft, WriteRequest } from "../../../src/agents/creative/types";
import type { ProductFacts } from "../../../src/agents/research/facts";
import { detectLanguage } from "../../../src/comments/language";
import type { PlatformId } from "../../../src/platforms/ids";
import { composePostText, weightedLength } from "../../../src/platforms/rules";
import { startResearchSites, type ResearchSites } from "../../sites/research-sites";
import { FixedAnswerGateway, NoProviderGateway, PANTRY_FACTS } from "../fixtures";
import { researchedFacts } from "../researched-facts";

const SITES: Record<string, [string, string]> = {
  hitop: ["/hitop/", "en"],
  rdv: ["/rendez-vous/", "fr"],
  vorrat: ["/vorrat/", "de"],
  cuaderno: ["/cuaderno/", "es"],
  prenota: ["/prenota/", "it"],
  caixa: ["/caixa/", "pt"],
};
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];

let sites: ResearchSites;
const facts: Record<string, ProductFacts> = {};

beforeAll(async () => {
  sites = startResearchSites();
  Object.assign(facts, await researchedFacts(sites, Object.fromEntries(Object.entries(SITES).map(([key, [path]]) => [key, path]))));
});
afterAll(() => sites.stop());

function request(f: ProductFacts, localDate: string, platform: PlatformId, o: Partial<WriteRequest> = {}): WriteRequest {
  return {
    appId: 3,
    localDate,
    platform,
    variant: "A",
    facts: f,
    trends: [],
    callToAction: "",
    linkUrl: `${f.url}?utm_source=${platform}&utm_content=${localDate}`,
    ...o,
  };
}

async function write(req: WriteRequest, llm = new NoProviderGateway()): Promise<PostDraft> {
  const post = await writePost(llm, 1, req);
  if (isFailed(post)) throw new Error(post.reason);
  return post;
}

describe("X threads written as threads", () => {
  test("every language: 2-4 posts, each within 280 weighted characters, hook first, link only in the last, one fact per middle post", async () => {
    for (const [key, [, lang]] of Object.entries(SITES)) {
      for (const day of DAYS) {
        const req = request(facts[key]!, day, "x", { format: "thread" });
        const post = await write(req);
        const posts = post.thread!;
        expect(post.format).toBe("thread");
        expect(posts.length).toBeGreaterThanOrEqual(2);
        expect(posts.length).toBeLessThanOrEqual(4);
        posts.forEach((p, i) => {
          const published = i === posts.length - 1 ? composePostText(p, post.hashtags) : p;
          expect(weightedLength(published)).toBeLessThanOrEqual(280);
          // The link and the call to action close the thread; earlier posts carry no link (X shows them to more people).
          expect(p.includes(req.linkUrl)).toBe(i === posts.length - 1);
          // Unnumbered unless the voice asks for it.
          expect(p).not.toMatch(/^\d+\/\d+ /);
        });
        expect(posts[0]).toBe(post.hook);
        // Each middle post states one fact of its own: none repeats the hook or another post.
        const middle = posts.slice(1, -1);
        expect(new Set(middle).size).toBe(middle.length);
        for (const m of middle) expect(posts[0]!.includes(m) || m.includes(posts[0]!)).toBe(false);
        // Written in the site's language, every post (the last one's link aside).
        const words = posts.slice(0, -1).join(" ");
        expect(detectLanguage(words, words.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""))).toBe(lang);
        // The caption the item stores is the posts in order; every post is in the Sources view as its own field.
        expect(post.caption).toBe(posts.join("\n\n"));
        for (let i = 0; i < posts.length; i++) expect(post.sources.some((s) => s.field === `post ${i + 1}`)).toBe(true);
      }
    }
  });

  test("a voice that numbers threads gets 1/n labels, counted in the 280", async () => {
    expect(wantsNumbering("Friendly; we number our threads")).toBe(true);
    expect(wantsNumbering("Short posts, 1/3 style threads")).toBe(true);
    expect(wantsNumbering("Warm and plain, no jargon")).toBe(false);
    const post = await write(request(facts.hitop!, DAYS[0]!, "x", { format: "thread", numberThreads: true }));
    const n = post.thread!.length;
    post.thread!.forEach((p, i) => expect(p.startsWith(`${i + 1}/${n} `)).toBe(true));
    const long = fitThread(["A".repeat(300), `${"b ".repeat(200)}→ https://a.example/x`], ["tag"], true)!;
    expect(long.posts.map((p) => weightedLength(p) <= 280)).toEqual([true, true]);
    expect(long.posts[1]!.endsWith("→ https://a.example/x")).toBe(true);
  });

  test("a model's thread: its posts are kept, links replaced by ours, claims checked post by post", async () => {
    const llm = new FixedAnswerGateway(() => ({
      title: "",
      hook: "Meal plans from your fridge.",
      body: "Scan groceries.",
      callToAction: "Try it",
      hashtags: ["MealPlanning"],
      scenes: [1, 2, 3].map(() => ({ onScreenText: "x", voiceover: "y", visual: "z", seconds: 3 })),
      thread: [
        "Dinner from what is already in your fridge.",
        "Trusted by 12,000 home cooks.",
        "Voted the number one app on Product Hunt.",
        "Plan your week at https://evil.example/",
      ],
    }));
    const req = request(PANTRY_FACTS, DAYS[0]!, "x", { format: "thread" });
    const post = await write(req, llm);
    expect(post.thread![0]).toBe("Dinner from what is already in your fridge.");
    expect(post.thread!.join(" ")).toContain("12,000 home cooks");
    expect(post.thread!.join(" ")).not.toContain("Product Hunt");
    expect(post.thread!.join(" ")).not.toContain("evil.example");
    expect(post.thread!.at(-1)!.endsWith(`→ ${req.linkUrl}`)).toBe(true);
    expect(llm.requests[0]!.prompt).toContain("X thread");
  });
});

describe("the first comment", () => {
  test("placement: Instagram always, LinkedIn by the app's setting, nowhere else", () => {
    expect(linkInFirstComment("instagram")).toBe(true);
    expect(linkInFirstComment("linkedin")).toBe(false);
    expect(linkInFirstComment("linkedin", true)).toBe(true);
    for (const p of ["x", "facebook", "youtube", "tiktok"] as PlatformId[]) expect(linkInFirstComment(p, true)).toBe(false);
  });

  test("Instagram and LinkedIn (setting on) carry the link and call to action in the comment, the caption points to it", async () => {
    for (const [key] of Object.entries(SITES)) {
      for (const [platform, setting] of [
        ["instagram", false],
        ["linkedin", true],
      ] as [PlatformId, boolean][]) {
        const req = request(facts[key]!, DAYS[1]!, platform, {
          format: platform === "instagram" ? "image" : "text",
          linkedinLinkInComment: setting,
        });
        const post = await write(req);
        expect(post.firstComment).toBeDefined();
        expect(post.firstComment).toEndWith(`→ ${req.linkUrl}`);
        expect(post.caption).not.toContain("http");
        expect(post.callToAction).not.toBe("");
        expect(post.sources.some((s) => s.field === "first comment")).toBe(true);
      }
    }
    const plain = await write(request(facts.hitop!, DAYS[1]!, "linkedin", { format: "text" }));
    expect(plain.firstComment).toBeUndefined();
    expect(plain.caption).toContain(plain.linkUrl);
    const fb = await write(request(facts.hitop!, DAYS[1]!, "facebook", { format: "image", linkedinLinkInComment: true }));
    expect(fb.firstComment).toBeUndefined();
  });

  test("claims planted in a model's first comment are removed or flagged, never passed", async () => {
    const llm = new FixedAnswerGateway(() => ({
      title: "",
      hook: "Meal plans from your fridge.",
      body: "Scan your groceries and get a plan in minutes.",
      callToAction: "Try it",
      hashtags: [],
      scenes: [1, 2, 3].map(() => ({ onScreenText: "x", voiceover: "y", visual: "z", seconds: 3 })),
      firstComment: "The fastest meal planner on the market. Try it free",
    }));
    const req = request(PANTRY_FACTS, DAYS[0]!, "instagram", { format: "image" });
    const post = await write(req, llm);
    const kept = post.firstComment!.includes("fastest");
    if (kept) expect(post.unsupportedClaims.some((c) => c.text.includes("fastest"))).toBe(true);
    expect(post.firstComment).toEndWith(`→ ${req.linkUrl}`);
  });
});
