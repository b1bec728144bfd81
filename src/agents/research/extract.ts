import { sentences } from "../creative/builtin/text";
import type { ProductFacts } from "./facts";
import type { PageText } from "./parse-page";

/** What we already know about the web app from its settings. */
export interface AppProfile {
  name: string;
  url: string;
  description: string;
  audience: string;
  voice: string;
  keywords: string[];
}

const PRICE_RE = /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:\/|per\s)\s?(?:mo|month|yr|year|user|seat|week)\b)?|\d[\d,.]*\s?(?:USD|EUR|GBP)\b(?:\s?(?:\/|per\s)\s?(?:mo|month|yr|year|user|seat)\b)?|\bfree (?:plan|trial|forever|tier|for \w+)\b|\b\d+[- ]day free trial\b)/gi;
const PROOF_WORDS = /\b(customers?|users?|teams?|companies|businesses|downloads?|installs?|reviews?|rating|rated|stars?|award|winner|won|featured|trusted|hours? saved|members|creators|shops|stores)\b/i;
const NUMBER_RE = /\d/;
const AUDIENCE_RE = /\b(?:built|made|designed|perfect|ideal)? ?for ((?:busy |small |growing |independent |remote )?[a-z][a-z -]{2,50}?(?:teams|founders|developers|parents|families|freelancers|creators|businesses|shops|marketers|students|teachers|writers|designers|agencies|startups|owners|people|cooks|runners|musicians|makers|professionals|managers|clinics|restaurants|landlords))\b/i;

/** Builds product facts from the text of the site's pages with plain rules (the built-in path, no model). */
export function extractFacts(pages: PageText[], app: AppProfile): ProductFacts {
  const home = pages[0];
  const all = pages.flatMap((p) => [...p.headings, ...p.paragraphs, ...p.listItems]);
  const name = app.name || home?.siteName || splitTitle(home?.title ?? "") || new URL(app.url).hostname;
  const whatItDoes = firstNonEmpty(app.description, home?.ogDescription, home?.description, home?.paragraphs.find((p) => p.length > 40)) ?? "";
  return {
    name: cap(name, 200),
    url: app.url,
    whatItDoes: cap(firstSentences(whatItDoes, 2), 600),
    audience: cap(app.audience || findAudience([whatItDoes, ...all]), 300),
    features: findFeatures(pages),
    proofPoints: findProof(pages),
    pricing: findPricing(all),
    tone: guessTone(app.voice, all.join(" ")),
    keywords: findKeywords(app, pages),
  };
}

function firstNonEmpty(...xs: (string | undefined)[]): string | undefined {
  return xs.find((x) => x && x.trim().length > 0)?.trim();
}

function cap(s: string, n: number): string {
  const chars = [...s];
  return chars.length <= n ? s : chars.slice(0, n - 1).join("").trimEnd() + "…";
}

function splitTitle(t: string): string {
  return (t.split(/\s[|\-–—:]\s/)[0] ?? "").trim();
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

function findFeatures(pages: PageText[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const candidates = pages.flatMap((p) => [...p.listItems, ...p.headings.slice(1)]);
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
    for (const t of [...p.headings, ...p.paragraphs, ...p.listItems]) {
      for (const s of sentences(t)) {
        const sentence = s.trim();
        if (NUMBER_RE.test(sentence) && PROOF_WORDS.test(sentence) && sentence.length <= 200) out.push(sentence);
      }
    }
  }
  return [...new Set(out)].slice(0, 6);
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

const STOP = new Set("the a an and or for to of in on with your you our we is are be it this that from by at as can more all get how what why new one use app will just".split(" "));

function findKeywords(app: AppProfile, pages: PageText[]): string[] {
  const counts = new Map<string, number>();
  for (const h of pages.flatMap((p) => [...p.headings, ...p.listItems])) {
    for (const w of h.toLowerCase().match(/\p{L}[\p{L}\p{N}-]{3,}/gu) ?? []) if (!STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  return [...new Set([...app.keywords.map((k) => k.toLowerCase()), ...top])].filter((k) => k.length <= 40).slice(0, 10);
}
