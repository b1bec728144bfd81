import { sentences } from "../creative/builtin/text";
import type { Snippet } from "./evidence";
import type { ProductFacts } from "./facts";
import type { PageText } from "./parse-page";
import {
  findPlans,
  findProofPoints,
  findTestimonials,
  isSectionHeading,
  looksLikeTitle,
  pageLanguage,
  parsePrice,
  shortName,
  siteSnippets,
} from "./structure";

/** What we already know about the web app from its settings. */
export interface AppProfile {
  name: string;
  url: string;
  description: string;
  audience: string;
  voice: string;
  keywords: string[];
}

const PRICE_RE =
  /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:\/|per\s)\s?(?:mo|month|yr|year|user|seat|week)\b)?|\d[\d,.]*\s?(?:USD|EUR|GBP\b|[€£¥$])(?:\s?(?:\/|per\s|par\s|pro\s)\s?(?:mo|month|mois|monat|yr|year|an|jahr|user|seat|week)\b)?|\bfree (?:plan|trial|forever|tier|for \w+)\b|\b\d+[- ]day free trial\b)/gi;
const PROOF_WORDS =
  /\b(customers?|users?|teams?|companies|businesses|downloads?|installs?|reviews?|rating|rated|stars?|award|winner|won|featured|trusted|hours? saved|members|creators|shops|stores)\b/i;
const NUMBER_RE = /\d/;
const AUDIENCE_RE =
  /\b(?:built|made|designed|perfect|ideal)? ?for ((?:busy |small |growing |independent |remote )?[a-z][a-z -]{2,50}?(?:teams|founders|developers|parents|families|freelancers|creators|businesses|shops|marketers|students|teachers|writers|designers|agencies|startups|owners|people|cooks|runners|musicians|makers|professionals|managers|clinics|restaurants|landlords))\b/i;

/** Builds product facts from the text of the site's pages with plain rules (the built-in path, no model). */
export function extractFacts(pages: PageText[], app: AppProfile): ProductFacts {
  const home = pages[0];
  const all = pages.flatMap((p) => [...p.headings, ...p.paragraphs, ...p.listItems]);
  // An owner's name that is the page's whole SEO title ("HITOP - Postman Alternative | HTTP API Client") gives way to the brand.
  const name = app.name && !looksLikeTitle(app.name, home) ? app.name : shortName(home, app.name || new URL(app.url).hostname);
  const plans = pages.flatMap(findPlans);
  const whatItDoes =
    firstNonEmpty(
      app.description,
      home?.ogDescription,
      home?.description,
      home?.paragraphs.find((p) => p.length > 40),
    ) ?? "";
  return {
    name: cap(name, 200),
    url: app.url,
    whatItDoes: cap(firstSentences(whatItDoes, 2), 600),
    audience: cap(app.audience || findAudience([whatItDoes, ...all]), 300),
    features: findFeatures(pages, name),
    proofPoints: findProof(pages),
    pricing: [...new Set([...findPricing(all), ...plans.filter((p) => p.currency).map((p) => p.price)])].slice(0, 6),
    tone: guessTone(app.voice, all.join(" ")),
    keywords: findKeywords(app, pages),
    language: pageLanguage(home),
    plans,
    testimonials: pages.flatMap(findTestimonials),
    proof: pages.flatMap(findProofPoints),
    snippets: [...settingsSnippets(app), ...siteSnippets(pages)],
  };
}

/** The owner's own words (description, audience) as snippets: claims may rest on them too. */
function settingsSnippets(app: AppProfile): Snippet[] {
  return [app.description, app.audience].flatMap((t) => sentences(t)).map((text) => ({ url: "settings", text }));
}

function firstNonEmpty(...xs: (string | undefined)[]): string | undefined {
  return xs.find((x) => x && x.trim().length > 0)?.trim();
}

function cap(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n
    ? s
    : chars
        .slice(0, n - 1)
        .join("")
        .trimEnd() + "…";
}

/** The first n sentences of a text. */
export function firstSentences(text: string, n: number): string {
  return sentences(text).slice(0, n).join(" ").replace(/\s+/g, " ").trim();
}

function findAudience(texts: string[]): string {
  for (const t of texts) {
    const m = t.match(AUDIENCE_RE);
    if (m) return m[1]!.trim();
  }
  return "";
}

/**
 * Features: list items outside pricing cards, tables and quotes (a plan's limit is never a feature), then
 * headings below the first that name a thing rather than a section ("Why teams switch to X" is not a feature).
 */
function findFeatures(pages: PageText[], name: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const candidates = pages.flatMap((p) => {
    const priced = new Set(p.blocks.filter((b) => b.card > 0 && parsePrice(b.text)).map((b) => b.card));
    const items = p.blocks.filter((b) => b.tag === "li" && !b.cell && !b.quote && !priced.has(b.card)).map((b) => b.text);
    const headings = p.blocks
      .filter((b) => /^h[2-4]$/.test(b.tag) && !b.cell && !priced.has(b.card) && !isSectionHeading(b.text, name))
      .map((b) => b.text);
    return [...items, ...headings];
  });
  for (const c of candidates) {
    const t = c.replace(/^[✓✔•\-*]\s*/, "").trim();
    const key = t.toLowerCase();
    if (t.length < 8 || t.length > 140 || seen.has(key)) continue;
    if (PRICE_RE.test(t) || /^(home|about|pricing|blog|login|sign ?in|sign ?up|contact|faq|terms|privacy)\b/i.test(t)) {
      PRICE_RE.lastIndex = 0;
      continue;
    }
    PRICE_RE.lastIndex = 0;
    if (/\?$/.test(t)) continue;
    seen.add(key);
    out.push(t.replace(/[.;,]$/, ""));
    if (out.length >= 8) break;
  }
  return out;
}

function findProof(pages: PageText[]): string[] {
  const out: string[] = [];
  for (const p of pages) {
    for (const q of p.quotes) if (q.length >= 15 && q.length <= 300) out.push(q);
    out.push(...proofSentences(p));
  }
  return [...new Set(out)].slice(0, 6);
}

/** A page's sentences that state a number about customers, users, reviews, awards, ... */
function proofSentences(p: PageText): string[] {
  const out: string[] = [];
  for (const t of [...p.headings, ...p.paragraphs, ...p.listItems])
    for (const s of sentences(t)) {
      const sentence = s.trim();
      if (NUMBER_RE.test(sentence) && PROOF_WORDS.test(sentence) && sentence.length <= 200) out.push(sentence);
    }
  return out;
}

function findPricing(texts: string[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    for (const m of t.matchAll(PRICE_RE)) {
      out.add(m[0].trim());
      if (out.size >= 4) return [...out];
    }
  }
  return [...out];
}

function guessTone(voice: string, text: string): ProductFacts["tone"] {
  const v = voice.toLowerCase();
  for (const tone of ["playful", "professional", "friendly", "technical"] as const) if (v.includes(tone)) return tone;
  const exclaims = (text.match(/!/g) ?? []).length;
  const emoji = (text.match(/\p{Extended_Pictographic}/gu) ?? []).length;
  if (exclaims + emoji >= 4) return "playful";
  if (/\b(API|SDK|CLI|open[- ]source|self-hosted|latency|deploy|webhooks?)\b/i.test(text)) return "technical";
  if (/\b(enterprise|compliance|ROI|workflow|stakeholders|SOC ?2|teams)\b/i.test(text)) return "professional";
  return "friendly";
}

const STOP = new Set(
  (
    "a about above after again all almost already also always am an and any are around as at be because been before being below best better between both but by can could did do does doing done down during each easy even every few for from further get gets getting go goes good great has have having help helps here how i if in into is it its just keep know less let like made make makes many may more most much must my need needs never new next no not now of off on once one only or other our out over own per plus put quick rather really right same see should simple since so some start still such sure take than that the their them then there these they thing things this those through to today too try under until up us use used uses using very via want was way ways we well were what when where which while who why will with within without would you your yours " +
    "across along among against behind beyond inside outside toward upon unlimited billed built sorted got app apps page home pricing features feature free month week weekly year yearly day days minutes hours time plan plans"
  ).split(/\s+/),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]*/gu) ?? []).map((w) => w.replace(/'s$/, ""));
}

/** Topic keywords: the owner's, the site's meta keywords, then two-word phrases and words the site repeats. */
function findKeywords(app: AppProfile, pages: PageText[]): string[] {
  const texts = pages.flatMap((p) => [p.title, p.description, ...p.headings, ...p.listItems, ...p.paragraphs]);
  const scores = new Map<string, number>();
  const add = (k: string, n: number) => scores.set(k, (scores.get(k) ?? 0) + n);
  // Phrases do not cross punctuation: "bank, sorts" is not a topic.
  for (const t of texts.flatMap((x) => x.split(/[,.;:!?()\[\]|–—]/))) {
    const ws = words(t);
    ws.forEach((w, i) => {
      if (STOP.has(w) || w.length < 4) return;
      add(w, 1);
      const next = ws[i + 1];
      if (next && !STOP.has(next) && next.length >= 3) add(`${w} ${next}`, 2);
    });
  }
  const nameWords = new Set(words(app.name));
  const ranked = [...scores.entries()]
    .filter(([k, n]) => n >= 2 && !k.split(" ").some((w) => nameWords.has(w)))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
  const meta = pages.flatMap((p) => p.keywords);
  return [...new Set([...app.keywords, ...meta].map((k) => k.toLowerCase()).concat(ranked))].filter((k) => k.length <= 40).slice(0, 10);
}
