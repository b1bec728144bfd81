import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isFailed, writePost } from "../../src/agents/creative";
import { HOOK_DEFINITIONS, STRUCTURE_DEFINITIONS } from "../../src/agents/creative/arm-words";
import type { ArmRequest, WriteRequest } from "../../src/agents/creative/types";
import { createLlmGateway } from "../../src/llm/gateway";
import { bodyStructure, hookFamily, lengthBand, parseArms } from "../../src/learning/arms";
import { importHistory } from "../../src/learning/import";
import { seededRandom } from "../../src/learning/random";
import { executeRun } from "../../src/pipeline/run";
import { requestRun } from "../../src/pipeline/start";
import { batchItems } from "../../src/pipeline/store";
import { PANTRY_FACTS } from "../agents/fixtures";
import { anthropicToolAnswer, startFakeAnthropic, type FakeAnthropic } from "../fakes/anthropic";
import { ollamaAnswer, startFakeOllama, type FakeOllama } from "../fakes/ollama";
import { openAiAnswer, startFakeOpenAi, type FakeOpenAi } from "../fakes/openai";
import type { RecordedRequest } from "../fakes/scripted-server";
import { llmContext, providerYaml } from "../llm/support";
import { startResearchSites, type ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "./support";

// A model that writes more than any short caption holds: three paragraphs of the site's own facts.
const scenes = [1, 2, 3].map((n) => ({ onScreenText: `Step ${n}`, voiceover: `Step ${n} of dinner.`, visual: "app", seconds: 5 }));
const POST = {
  title: "",
  hook: "Dinner from what is already in your fridge.",
  body: [
    "Pantry Pal turns what is already in your fridge into a week of dinners.",
    "Scan your groceries and get a plan in minutes.",
    "Shopping lists sorted by supermarket aisle, and leftover alerts before food goes off.",
  ].join("\n\n"),
  callToAction: "Try it",
  hashtags: ["mealplanning", "foodwaste", "recipes", "pantrypal", "dinner"],
  scenes,
};

/** The text of a recorded request's messages (system and user), whatever the provider's shape. */
function promptOf(req: RecordedRequest): string {
  const messages = (req.body.messages ?? []) as { content: unknown }[];
  return [req.body.system ?? "", ...messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content)))].join(
    "\n",
  );
}

const ARMS: ArmRequest = {
  hook: "question",
  structure: "ask",
  length: "short",
  hashtags: { band: "few", preferred: ["mealplanning", "foodwaste"] },
  cta: "with_cta",
  prefer: "length",
};

function request(arms?: ArmRequest): WriteRequest {
  return {
    appId: 1,
    localDate: "2026-03-02",
    platform: "linkedin",
    variant: "A",
    facts: PANTRY_FACTS,
    trends: [],
    callToAction: "",
    linkUrl: "https://pp.example/",
    arms,
  };
}

function expectArmsInPrompt(prompt: string): void {
  expect(prompt).toContain(`Opening line: question: ${HOOK_DEFINITIONS.question}.`);
  expect(prompt).toContain(`Body structure: ask: ${STRUCTURE_DEFINITIONS.ask}.`);
  expect(prompt).toContain("Caption length: short: opening, body and call to action together under 100 characters.");
  expect(prompt).toContain("Hashtags: few: 1-3; prefer these, which worked: #mealplanning #foodwaste.");
  expect(prompt).toContain("Call to action: end with one");
}

let openai: FakeOpenAi;
let anthropic: FakeAnthropic;
let ollama: FakeOllama;
let sites: ResearchSites;
beforeAll(() => {
  sites = startResearchSites();
  openai = startFakeOpenAi({
    fallback: (req) => {
      const props = req.body.response_format?.json_schema?.schema?.properties ?? {};
      return "features" in props ? openAiAnswer(PANTRY_FACTS) : openAiAnswer(POST);
    },
  });
  anthropic = startFakeAnthropic({ fallback: () => anthropicToolAnswer(POST) });
  ollama = startFakeOllama({ fallback: () => ollamaAnswer(POST) });
});
afterAll(async () => {
  sites.stop();
  await Promise.all([openai.stop(), anthropic.stop(), ollama.stop()]);
});

describe("the model writer receives the learner's arms", () => {
  const providers = (): { fake: FakeAnthropic | FakeOllama | FakeOpenAi; entry: Record<string, string> }[] => [
    {
      fake: anthropic,
      entry: { name: "claude", kind: "anthropic", model: "claude-sonnet-5", api_key: "sk-ant-test", base_url: anthropic.baseUrl },
    },
    { fake: ollama, entry: { name: "local", kind: "ollama", model: "llama3.2", base_url: ollama.baseUrl } },
    { fake: openai, entry: { name: "gpt", kind: "openai", model: "gpt-4.1-mini", api_key: "sk-test", base_url: openai.baseUrl } },
  ];

  test("Anthropic, Ollama and OpenAI-compatible: the prompt names each arm with its definition; the caption is cut to the band", async () => {
    for (const { fake, entry } of providers()) {
      const env = llmContext([{ ...entry, max_retries: 0 }]);
      try {
        const before = fake.requests.length;
        const post = await writePost(createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 0 }), env.userId, request(ARMS));
        if (isFailed(post)) throw new Error(post.reason);
        expect(post.writer).toContain(entry.model);
        expect(fake.requests.length).toBe(before + 1);
        expectArmsInPrompt(promptOf(fake.requests.at(-1)!));
        // The answer's three paragraphs do not fit a short caption: the fit step drops body pieces until it does.
        expect(lengthBand(post.caption)).toBe("short");
        expect(post.notes.join(" ")).toContain("requested caption length (at most 99 characters)");
        expect(post.hashtags.length).toBeLessThanOrEqual(3);
        // The model's opening is a statement, not the question asked: the item says so, and records what was written.
        expect(hookFamily(post.hook)).toBe("statement");
        expect(post.notes.join(" ")).toContain("The model was asked for hook question");
      } finally {
        env.ctx.cleanup();
      }
    }
  });

  test("without a request the prompt carries the platform's norms only", async () => {
    const env = llmContext([
      { name: "gpt", kind: "openai", model: "gpt-4.1-mini", api_key: "sk-test", base_url: openai.baseUrl, max_retries: 0 },
    ]);
    try {
      const post = await writePost(createLlmGateway(env.ctx, { sleep: env.sleep, random: () => 0 }), env.userId, request());
      expect(isFailed(post)).toBe(false);
      const prompt = promptOf(openai.requests.at(-1)!);
      expect(prompt).not.toContain("Opening line:");
      expect(prompt).not.toContain("Body structure:");
      expect(prompt).toContain("aim for");
      if (!isFailed(post)) expect(lengthBand(post.caption)).not.toBe("short");
    } finally {
      env.ctx.cleanup();
    }
  });
});

describe("a run with a model after an imported history", () => {
  test("each post's prompt carries the arms drawn for it, and the items record the arms of their text and the format's reason", async () => {
    const yaml = `llm:\n  monthly_budget_usd: 10\n  providers:\n${providerYaml({ name: "gpt", kind: "openai", model: "gpt-4.1-mini", api_key: "sk-test", base_url: openai.baseUrl, max_retries: 0 })}\n`;
    const ctx = makeTestContext({}, yaml);
    try {
      const { webappId, userId } = seedApp(ctx, { url: sites.url("/"), platforms: ["x", "linkedin"] });
      const rng = seededRandom(9);
      const lines = ["platform,posted_at,text,impressions,likes,comments,shares,clicks"];
      for (let i = 0; i < 40; i++) {
        const platform = i % 2 === 0 ? "x" : "linkedin";
        const impressions = 1000 + Math.floor(rng() * 1000);
        const at = new Date(Date.UTC(2026, 0, 10 + Math.floor(i / 2), 9 + (i % 8), 0));
        lines.push(`${platform},${at.toISOString().replace("Z", "+00:00")},"Plan the week in one place.",${impressions},${20 + i},1,0,`);
      }
      expect(importHistory(ctx.db, { id: webappId, userId }, lines.join("\n"), "csv", ctx.clock.now())).toMatchObject({ ok: true });
      const before = openai.requests.length;
      const run = requestRun(ctx, { webappId, trigger: "cli" })!.run;
      await executeRun(ctx, createLlmGateway(ctx), run.id);
      const creative = openai.requests
        .slice(before)
        .filter((r) => "scenes" in (r.body.response_format?.json_schema?.schema?.properties ?? {}));
      const items = batchItems(ctx.db, run.batchId).filter((i) => !i.failure);
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(creative.length).toBe(items.length);
      for (const r of creative) {
        const prompt = promptOf(r);
        expect(prompt).toMatch(/Opening line: (question|bold claim|statement): /);
        expect(prompt).toMatch(/Body structure: (facts|ask|list|hook only): /);
        expect(prompt).toMatch(/Caption length: (short|medium|long): /);
        expect(prompt).toMatch(/Hashtags: (none|few|many): /);
        expect(prompt).toContain("Call to action: end with one");
      }
      for (const it of items) {
        const arms = parseArms(it.arms)!;
        expect(arms.length).toBe(lengthBand(it.caption));
        expect(arms.format).toBe(it.format as never);
        expect(arms.structure).toBe(
          bodyStructure(
            it.caption
              .split(/\n\s*\n/)
              .slice(1, -1)
              .join("\n\n"),
          ),
        );
      }
      // X and LinkedIn each take several formats: the learner ranked them and the item keeps why with its arms.
      for (const it of items) expect(it.arms!.formatReason).toMatch(/ranked first.*Learner: (your|trying) /);
    } finally {
      ctx.cleanup();
    }
  });
});
