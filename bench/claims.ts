/**
 * The claims check and provenance for a 7-post batch: the evidence index over a site's sentences, then for each
 * post the removal of invented claims, the fit, and the review that flags the rest and links every sentence to its
 * snippet. Posts are a lying model's (one claim of every kind in every field) and the built-in writer's. No network.
 * Run alone with `bun bench/claims.ts` or through `bun run bench claims`.
 */
import { checkClaims, requestEvidence } from "../src/agents/creative";
import { writeBuiltinPost } from "../src/agents/creative/builtin/writer";
import { fitToPlatform } from "../src/agents/creative/fit";
import { reviewPost } from "../src/agents/creative/provenance";
import type { PostParts, WriteRequest } from "../src/agents/creative/types";
import { extractFacts } from "../src/agents/research/extract";
import { parsePage } from "../src/agents/research/parse-page";
import { PLATFORM_IDS, type PlatformId } from "../src/platforms/ids";
import { LYING_POST } from "../tests/fakes/lying-model";
import { COCHEZ_HOME, HITOP_HOME, ZEITPLAN_HOME } from "../tests/sites/claims-pages";
import { LEDGERLY_HOME, PANTRY_FEATURES, PANTRY_HOME, PANTRY_PRICING } from "../tests/sites/research-pages";
import type { Bench, Figure } from "./support";

const SITE = "https://hitop.example/";

/** A site of a realistic size: the test pages plus numbered product sentences, about 400 snippets in all. */
async function facts() {
  const html = [HITOP_HOME, PANTRY_HOME, PANTRY_FEATURES, PANTRY_PRICING, LEDGERLY_HOME, COCHEZ_HOME, ZEITPLAN_HOME];
  const filler = `<html><body>${Array.from(
    { length: 360 },
    (_, i) =>
      `<p>Release ${i} adds ${i + 3} shortcuts for ${["requests", "headers", "tokens", "mocks"][i % 4]} in the ${i % 2 ? "desktop" : "web"} app.</p>`,
  ).join("")}</body></html>`;
  const pages = await Promise.all([...html, filler].map((h, i) => parsePage(h, `${SITE}page-${i}`)));
  return extractFacts(pages, { name: "HITOP", url: SITE, description: "", audience: "", voice: "", keywords: [] });
}

function request(f: Awaited<ReturnType<typeof facts>>, platform: PlatformId, i: number): WriteRequest {
  return {
    appId: 1,
    localDate: `2026-03-0${1 + (i % 7)}`,
    platform,
    variant: "A",
    facts: f,
    trends: [],
    callToAction: "",
    linkUrl: `${SITE}?utm_source=${platform}`,
  };
}

/** One batch: evidence built once, then check, fit and review for each of the 7 posts. */
function batch(f: Awaited<ReturnType<typeof facts>>, lying: boolean): number {
  let flagged = 0;
  const reqs = Array.from({ length: 7 }, (_, i) => request(f, PLATFORM_IDS[i % PLATFORM_IDS.length]!, i));
  // A fresh facts object per batch, so the evidence index is built inside the measurement as a nightly run does.
  const fresh = { ...f };
  for (const r of reqs) {
    const req = { ...r, facts: fresh };
    const parts: PostParts = lying
      ? { ...LYING_POST, script: { hook: LYING_POST.hook, scenes: LYING_POST.scenes, callToAction: "Try it", url: req.linkUrl } }
      : writeBuiltinPost(req);
    const ev = requestEvidence(req);
    const checked = checkClaims(parts, req, ev);
    const fitted = fitToPlatform(req.platform, checked.parts);
    if (fitted.ok) flagged += reviewPost(fitted.parts, req.linkUrl, ev).unsupported.length;
  }
  return flagged;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function measure(): Promise<Figure[]> {
  const f = await facts();
  const out: Figure[] = [];
  for (const lying of [true, false]) {
    for (let i = 0; i < 5; i++) batch(f, lying); // warm up
    const times: number[] = [];
    let flagged = 0;
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      flagged = batch(f, lying);
      times.push(performance.now() - t0);
    }
    out.push({
      name: `claims check and provenance, 7-post batch (${lying ? "a lying model's posts" : "built-in posts"}, ${f.snippets?.length ?? 0} site snippets, median of 30)`,
      value: median(times),
      unit: "ms",
      target: "<= 50 ms",
      note: `max ${Math.max(...times).toFixed(1)} ms; ${flagged} sentence(s) flagged per batch`,
    });
  }
  return out;
}

/** The claims benchmark for bench/run.ts. */
export const bench: Bench = { name: "claims", summary: "claims check and provenance for a 7-post batch", run: measure };

if (import.meta.main) for (const f of await measure()) console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit} (${f.note})`);
