/**
 * The built-in writer's batch for one app: seven posts (six platforms and one B variant) written, claims-checked,
 * fitted and reviewed, as the nightly creative step does with no model, for one site in each language the writer
 * writes. Facts come from the test sites' pages through the built-in research extractor. No network.
 * Run alone with `bun bench/writer.ts` or through `bun run bench writer`.
 */
import { isFailed, writePost } from "../src/agents/creative";
import type { Variant } from "../src/agents/creative/types";
import { extractFacts } from "../src/agents/research/extract";
import type { ProductFacts } from "../src/agents/research/facts";
import { parsePage } from "../src/agents/research/parse-page";
import type { PlatformId } from "../src/platforms/ids";
import { NoProviderGateway } from "../tests/agents/fixtures";
import { COCHEZ_HOME, HITOP_HOME } from "../tests/sites/claims-pages";
import { CUADERNO_ES, PRENOTA_IT, RDV_FR, VORRAT_DE } from "../tests/sites/writer-pages";
import { median, type Bench, type Figure } from "./support";

const BATCH: [PlatformId, Variant][] = [
  ["youtube", "A"],
  ["tiktok", "A"],
  ["instagram", "A"],
  ["facebook", "A"],
  ["x", "A"],
  ["linkedin", "A"],
  ["linkedin", "B"],
];
const SITES: [string, string][] = [
  ["en", HITOP_HOME],
  ["fr", RDV_FR],
  ["fr", COCHEZ_HOME],
  ["de", VORRAT_DE],
  ["es", CUADERNO_ES],
  ["it", PRENOTA_IT],
];
const llm = new NoProviderGateway();

async function siteFacts(html: string, i: number): Promise<ProductFacts> {
  const url = `https://site-${i}.example/`;
  return extractFacts([await parsePage(html, url)], { name: "", url, description: "", audience: "", voice: "", keywords: [] });
}

/** One app's batch for one date; a fresh facts object, so the evidence index is built inside the measurement as at night. */
async function batch(f: ProductFacts, localDate: string): Promise<number> {
  const facts = { ...f };
  let posts = 0;
  for (const [platform, variant] of BATCH) {
    const post = await writePost(llm, 1, {
      appId: 1,
      localDate,
      platform,
      variant,
      facts,
      trends: [],
      callToAction: "",
      linkUrl: `${f.url}?utm_source=${platform}`,
    });
    if (!isFailed(post)) posts++;
  }
  return posts;
}

async function measure(): Promise<Figure[]> {
  const all = await Promise.all(SITES.map(([, html], i) => siteFacts(html, i)));
  for (const f of all) await batch(f, "2026-03-01"); // warm up
  const times: number[] = [];
  let posts = 0;
  for (let day = 0; day < 20; day++)
    for (const f of all) {
      const t0 = performance.now();
      posts = await batch(f, `2026-04-${String(day + 1).padStart(2, "0")}`);
      times.push(performance.now() - t0);
    }
  const sorted = [...times].sort((a, b) => a - b);
  return [
    {
      name: `built-in batch for one app (7 posts: write, claims check, fit, review; median of ${times.length} over ${SITES.length} sites in 5 languages)`,
      value: median(times),
      unit: "ms",
      target: "<= 500 ms",
      note: `p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms; ${posts} posts per batch`,
    },
  ];
}

/** The built-in writer benchmark for bench/run.ts. */
export const bench: Bench = { name: "writer", summary: "the built-in writer's 7-post batch for one app, five languages", run: measure };

if (import.meta.main) for (const f of await measure()) console.log(`${f.name}: ${f.value.toFixed(2)} ${f.unit} (${f.note})`);
