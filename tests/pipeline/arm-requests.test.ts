import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isFailed, writePost } from "../../src/agents/creative";
import type { PostDraft, Variant, WriteRequest } from "../../src/agents/creative/types";
import type { ProductFacts } from "../../src/agents/research/facts";
import { ARM_VALUES, type Arms, bodyStructure, hookFamily, lengthBand, parseArms } from "../../src/learning/arms";
import { chooseFormat } from "../../src/agents/creative/formats";
import { fitModel, type LearnedModel, type Observation } from "../../src/learning/estimate";
import { importHistory } from "../../src/learning/import";
import { seededRandom } from "../../src/learning/random";
import { JobWorker } from "../../src/jobs/worker";
import { handlersOf } from "../../src/jobs/declare";
import { armRequest, formatPlan, platformFormats } from "../../src/pipeline/arms";
import { pipelineJobHandler } from "../../src/pipeline/handler";
import { requestRun } from "../../src/pipeline/start";
import { batchItems } from "../../src/pipeline/store";
import { PLATFORM_IDS, type PlatformId } from "../../src/platforms/ids";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { NoProviderGateway } from "../agents/fixtures";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";
import { researchedFacts } from "../agents/researched-facts";

const TZ = "UTC";
const BATCH: [PlatformId, Variant][] = [
  ["youtube", "A"],
  ["tiktok", "A"],
  ["instagram", "A"],
  ["facebook", "A"],
  ["x", "A"],
  ["linkedin", "A"],
  ["linkedin", "B"],
];
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04"];

let sites: ResearchSites;
const facts: Record<string, ProductFacts> = {};

beforeAll(async () => {
  sites = startResearchSites();
  Object.assign(
    facts,
    await researchedFacts(sites, {
      hitop: "/hitop/",
      rdv: "/rendez-vous/",
      vorrat: "/vorrat/",
      cuaderno: "/cuaderno/",
      prenota: "/prenota/",
      caixa: "/caixa/",
    }),
  );
});
afterAll(() => sites.stop());

/** Eight weeks of posts on every platform, every opening family and body structure in turn; the favourites get 3x the engagement per impression. */
function modelPreferring(favourite: Arms["hook"], length?: Arms["length"], structure?: Arms["structure"]): LearnedModel {
  const rng = seededRandom(5);
  const observations: Observation[] = [];
  for (const platform of PLATFORM_IDS)
    for (let i = 0; i < 60; i++) {
      const hook = ARM_VALUES.hook[i % ARM_VALUES.hook.length]!;
      const exposure = 1500 + Math.floor(rng() * 1000);
      const band = ARM_VALUES.length[Math.floor(i / 5) % 3]!;
      const shape = ARM_VALUES.structure[Math.floor(i / 3) % 4]!;
      const rate = 0.02 * (hook === favourite ? 3 : 1) * (band === length ? 3 : 1) * (shape === structure ? 3 : 1) * (0.8 + 0.4 * rng());
      observations.push({
        platform,
        postedAt: new Date(Date.UTC(2026, 0, 1 + i, 9 + (i % 10), 15)),
        exposure,
        engagements: Math.round(exposure * rate),
        hashtags: [],
        arms: { hook, structure: shape, format: PLATFORM_RULES[platform].format, length: band, hashtags: "few", cta: "with_cta" },
        imported: true,
      });
    }
  return fitModel({ timezone: TZ, observations, rejections: [] });
}

/** Three days of one app's batches, each post written with the arms the learner asks for. */
async function learnedPosts(
  f: ProductFacts,
  model: LearnedModel,
  seed: number,
): Promise<{ post: PostDraft; asked: WriteRequest["arms"] }[]> {
  const rng = seededRandom(seed);
  const out: { post: PostDraft; asked: WriteRequest["arms"] }[] = [];
  for (const localDate of DAYS)
    for (const [platform, variant] of BATCH) {
      const arms = armRequest(model, platform, rng);
      const req: WriteRequest = {
        appId: 3,
        localDate,
        platform,
        variant,
        facts: f,
        trends: [],
        callToAction: "",
        linkUrl: `${f.url}?utm_source=${platform}&utm_content=${localDate}-${variant}`,
        arms,
      };
      const post = await writePost(new NoProviderGateway(), 1, req);
      if (isFailed(post)) throw new Error(post.reason);
      out.push({ post, asked: arms });
    }
  return out;
}

describe("the learner's arms reach the built-in writer", () => {
  test("a model that strongly prefers question openings: most of the app's next 21 posts open with a question", async () => {
    const model = modelPreferring("question");
    // One site per language: every language's short questions pass the claims check.
    for (const key of ["hitop", "rdv", "vorrat", "cuaderno", "prenota", "caixa"]) {
      const posts = await learnedPosts(facts[key]!, model, 17);
      expect(posts.every((p) => p.asked !== undefined)).toBe(true);
      const questions = posts.filter((p) => hookFamily(p.post.hook) === "question").length;
      // Thompson sampling still explores: 3x on 12 posts per family leaves a few draws to the other families (17-19 of 21 measured).
      expect(questions).toBeGreaterThanOrEqual(16);
      // Variety still holds when the openings are restyled.
      expect(new Set(posts.map((p) => p.post.hook)).size).toBeGreaterThanOrEqual(15);
      for (const { post } of posts) expect(post.unsupportedClaims).toEqual([]);
    }
  });

  test("a model that prefers bold claims: most openings end in an exclamation (French: with its space)", async () => {
    const posts = await learnedPosts(facts.rdv!, modelPreferring("bold_claim"), 23);
    const bold = posts.filter((p) => hookFamily(p.post.hook) === "bold_claim");
    expect(bold.length).toBeGreaterThanOrEqual(12);
    for (const { post } of bold) expect(post.hook).toMatch(/ !$/);
  });

  test("a requested caption-length band is honoured where a body shape gives it, else the rotation stands", async () => {
    const count = (posts: { post: PostDraft }[], band: Arms["length"]) => posts.filter((p) => lengthBand(p.post.caption) === band).length;
    const rotation = await learnedPosts(facts.hitop!, fitModel({ timezone: TZ, observations: [], rejections: [] }), 29);
    expect(rotation.every((p) => p.asked === undefined)).toBe(true);
    expect(count(await learnedPosts(facts.hitop!, modelPreferring("statement", "medium"), 29), "medium")).toBeGreaterThanOrEqual(17);
    // This site's facts are short: past 300 characters only with every part on the roomier platforms (2 of 21 in the rotation, 4 asked;
    // 5 while calls to action still named the test server's 127.0.0.1).
    const long = count(await learnedPosts(facts.hitop!, modelPreferring("statement", "long"), 29), "long");
    expect(long).toBeGreaterThanOrEqual(count(rotation, "long") + 2);
  });

  test("with no data there is no request, so the writer's rotation is unchanged; data on one platform asks on that one only", () => {
    const empty = fitModel({ timezone: TZ, observations: [], rejections: [] });
    const rng = seededRandom(1);
    for (const p of PLATFORM_IDS) expect(armRequest(empty, p, rng)).toBeUndefined();
    const arms: Arms = { hook: "question", structure: "facts", format: "text", length: "short", hashtags: "none", cta: "with_cta" };
    const rejectedOnX = fitModel({ timezone: TZ, observations: [], rejections: [{ platform: "x", arms }] });
    expect(armRequest(rejectedOnX, "x", rng)).toBeDefined();
    expect(armRequest(rejectedOnX, "linkedin", rng)).toBeUndefined();
  });
});

describe("a run records the arms it used", () => {
  test("after an imported history where questions win, the items open with questions and record the arms of their text", async () => {
    const ctx = makeTestContext();
    try {
      const { webappId, userId } = seedApp(ctx, { url: sites.url("/hitop/"), platforms: ["x", "linkedin", "facebook"] });
      const rng = seededRandom(3);
      const lines = ["platform,posted_at,text,impressions,likes,comments,shares,clicks"];
      for (let i = 0; i < 90; i++) {
        const platform = (["x", "linkedin", "facebook"] as const)[i % 3];
        const question = i % 2 === 0;
        const text = question ? `Tip ${i}: plan the week in one place. Sound familiar?` : `Tip ${i}: plan the week in one place.`;
        const impressions = 1000 + Math.floor(rng() * 1000);
        const likes = Math.round(impressions * (question ? 0.06 : 0.02) * (0.8 + 0.4 * rng()));
        const at = new Date(Date.UTC(2026, 0, 20 + Math.floor(i / 3), 10 + (i % 8), 0));
        lines.push(`${platform},${at.toISOString().replace("Z", "+00:00")},"${text}",${impressions},${likes},1,0,`);
      }
      const imported = importHistory(ctx.db, { id: webappId, userId }, lines.join("\n"), "csv", ctx.clock.now());
      expect(imported).toMatchObject({ ok: true });
      const worker = new JobWorker(ctx.db, ctx.clock, handlersOf([pipelineJobHandler(ctx, new NoProviderGateway())]));
      const items: ReturnType<typeof batchItems> = [];
      for (let day = 0; day < 3; day++) {
        const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
        expect(await worker.drain()).toBe(1);
        items.push(...batchItems(ctx.db, run.batchId).filter((i) => !i.failure));
        ctx.clock.advance(86_400_000);
      }
      expect(items.length).toBeGreaterThanOrEqual(9);
      for (const it of items) {
        const arms = parseArms(it.arms)!;
        const first = it.caption.split("\n").find((l) => l.trim() !== "")!;
        expect(arms.hook).toBe(hookFamily(first));
        expect(arms.length).toBe(lengthBand(it.caption));
      }
      const questions = items.filter((it) => parseArms(it.arms)!.hook === "question").length;
      expect(questions).toBeGreaterThanOrEqual(Math.ceil(items.length * 0.7));
    } finally {
      ctx.cleanup();
    }
  });
});

describe("body structure and format arms", () => {
  test("a model that prefers a question to the reader closing the body: most bodies end in one, far more than the rotation alone", async () => {
    const posts = await learnedPosts(facts.hitop!, modelPreferring("statement", undefined, "ask"), 31);
    expect(posts.every((p) => p.asked?.structure !== undefined)).toBe(true);
    const ask = posts.filter((p) => bodyStructure(p.post.body) === "ask").length;
    const rotation = await learnedPosts(facts.hitop!, fitModel({ timezone: TZ, observations: [], rejections: [] }), 31);
    const askBefore = rotation.filter((p) => bodyStructure(p.post.body) === "ask").length;
    expect(ask).toBeGreaterThanOrEqual(17);
    expect(ask).toBeGreaterThan(askBefore + 5);
  });

  test("a model that prefers no body: most posts are the opening and the call to action alone", async () => {
    const posts = await learnedPosts(facts.hitop!, modelPreferring("statement", undefined, "hook_only"), 37);
    // The one post a day that carries the site's description keeps it, so at most 18 of 21 can be bare.
    expect(posts.filter((p) => bodyStructure(p.post.body) === "hook_only").length).toBeGreaterThanOrEqual(14);
  });

  test("formats: the learner ranks what the platform takes (from the format table) and says why; one-format platforms are left to the table", () => {
    const rng = seededRandom(41);
    const observations: Observation[] = [];
    for (let i = 0; i < 60; i++) {
      const format = (["text", "image", "thread"] as const)[i % 3];
      const exposure = 2000;
      const rate = 0.02 * (format === "image" ? 2.5 : 1) * (0.8 + 0.4 * rng());
      observations.push({
        platform: "x",
        postedAt: new Date(Date.UTC(2026, 0, 1 + i, 9 + (i % 10), 15)),
        exposure,
        engagements: Math.round(exposure * rate),
        hashtags: [],
        arms: { hook: "statement", structure: "facts", format, length: "short", hashtags: "few", cta: "with_cta" },
        imported: false,
      });
    }
    const model = fitModel({ timezone: TZ, observations, rejections: [] });
    const plans = Array.from({ length: 40 }, () => formatPlan(model, "x", rng)!);
    expect(new Set(plans.flatMap((p) => p.ranked))).toEqual(new Set(platformFormats("x")));
    const image = plans.filter((p) => p.ranked[0] === "image");
    expect(image.length).toBeGreaterThanOrEqual(36);
    expect(image[0]!.reason).toMatch(/^Learner: your X image posts get (1\.[4-9]|2\.\d)x your average engagement \(20 posts\)\.$/);
    expect(chooseFormat("x", { localDate: "2026-03-02", ranked: image[0]!.ranked }).format).toBe("image");
    // No data on LinkedIn, and YouTube takes only video: no ranking, the table's rotation stands.
    expect(formatPlan(model, "linkedin", rng)).toBeUndefined();
    expect(
      formatPlan(
        fitModel({ timezone: TZ, observations: observations.map((o) => ({ ...o, platform: "youtube" })), rejections: [] }),
        "youtube",
        rng,
      ),
    ).toBeUndefined();
  });
});
