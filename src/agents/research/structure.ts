import { sentences } from "../creative/builtin/text";
import { normalize, type Snippet } from "./evidence";
import type { Plan, ProofPoint, Testimonial } from "./facts";
import type { PageText, TextBlock } from "./parse-page";

const SEPARATORS = /\s+(?:-|\||—|–|·|:)\s+/;

/**
 * The product's short name: og:site_name, else the part of the title before a separator (" - ", " | ", " — ")
 * that the page repeats most, so "HITOP - Postman Alternative | HTTP API Client" gives "HITOP".
 */
export function shortName(home: PageText | undefined, fallback: string): string {
  if (!home) return fallback;
  if (home.siteName) return home.siteName;
  const parts = (home.ogTitle || home.title)
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? fallback;
  const text = [...home.headings, ...home.paragraphs, ...home.listItems].join(" ").toLowerCase();
  const count = (p: string) => text.split(p.toLowerCase()).length - 1;
  // Ties go to the first part: brands lead titles far more often than they trail them.
  return parts.reduce((best, p) => (count(p) > count(best) && p.length <= 40 ? p : best), parts[0]!);
}

/** True when a name looks like a page's whole SEO title rather than a product name. */
export function looksLikeTitle(name: string, home: PageText | undefined): boolean {
  return SEPARATORS.test(name) && (!home || name === home.title || name === home.ogTitle || name.length > 30);
}

const LANG_WORDS: Record<string, string[]> = {
  en: ["the", "and", "your", "with", "for", "you", "is", "to"],
  fr: ["le", "la", "les", "et", "vos", "votre", "pour", "avec", "des", "est"],
  de: ["der", "die", "das", "und", "mit", "für", "ihre", "ist", "nicht", "sie"],
  es: ["el", "los", "las", "y", "para", "con", "tu", "sus", "es", "una"],
  pt: ["o", "os", "as", "e", "para", "com", "seu", "sua", "não", "uma"],
  it: ["il", "gli", "le", "e", "per", "con", "tuo", "della", "non", "una"],
};

/** The page language: html lang first, else the language whose common words the text uses most. */
export function pageLanguage(home: PageText | undefined): string {
  if (!home) return "en";
  const declared = home.lang.split(/[-_]/)[0] ?? "";
  if (/^[a-z]{2,3}$/.test(declared)) return declared;
  const words =
    [...home.paragraphs, ...home.listItems, ...home.headings]
      .join(" ")
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  let best = "en";
  let bestN = 0;
  for (const [lang, list] of Object.entries(LANG_WORDS)) {
    const set = new Set(list);
    const n = words.filter((w) => set.has(w)).length;
    if (n > bestN) [best, bestN] = [lang, n];
  }
  return best;
}

const PRICE_IN =
  /(?:([$€£¥])\s?(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s?([$€£¥]|EUR\b|USD\b|GBP\b))(?:\s?(?:\/|per|par|pro|al|por|ao)\s?(month|mois|monat|mese|mes|mês|mo|year|yr|jahr|anno|año|ano|an|user|seat|week)(?![\p{L}]))?/iu;
const FREE = /^(?:free|gratuit|kostenlos|gratis|grátis|gratuito)(?![\p{L}])|\b(?:0|0[.,]00)\s?[$€£¥]|[$€£¥]\s?0\b/iu;
const LIMIT =
  /\b(?:up to|max(?:imum)?|limit(?:ed)?|only|per (?:month|week|day)|a (?:month|week|day)|jusqu'à|bis zu|hasta|fino a|até|\d+\s+\p{L}+\s+(?:per|a|par|pro)\s)|\b\d+\s+(?:projects?|users?|seats?|plans?|posts?|GB|MB|requests?|files?|boards?|days?|jours?|tage?n?|workspaces?|members?)\b/iu;
const PERIODS: Record<string, string> = {
  mo: "month",
  mois: "month",
  monat: "month",
  mese: "month",
  mes: "month",
  mês: "month",
  yr: "year",
  an: "year",
  jahr: "year",
  anno: "year",
  año: "year",
  ano: "year",
};

/** A price as a record: the amount, its currency (before or after: "$9", "20€ / month") and the period. */
export function parsePrice(text: string): Pick<Plan, "price" | "amount" | "currency" | "period"> | undefined {
  const m = text.match(PRICE_IN);
  if (m) {
    const cur = (m[1] ?? m[4] ?? "").toUpperCase();
    const currency = cur === "EUR" ? "€" : cur === "USD" ? "$" : cur === "GBP" ? "£" : cur;
    const period = (m[5] ?? "").toLowerCase();
    return { price: m[0].trim(), amount: (m[2] ?? m[3])!.replace(",", "."), currency, period: PERIODS[period] ?? period };
  }
  return FREE.test(text.trim()) ? { price: text.trim(), amount: "0", currency: "", period: "" } : undefined;
}

function cleanItem(t: string): string {
  return t.replace(/^[✓✔•\-*✗✘×]\s*/u, "").trim();
}

/** Plans from pricing cards (a card with a name and a price) and from pricing tables (plans as columns). */
export function findPlans(page: PageText): Plan[] {
  return [...plansFromCards(page), ...plansFromTables(page)];
}

function plansFromCards(page: PageText): Plan[] {
  const byCard = new Map<number, TextBlock[]>();
  for (const b of page.blocks) if (b.card > 0 && !b.cell) byCard.set(b.card, [...(byCard.get(b.card) ?? []), b]);
  const plans: Plan[] = [];
  for (const blocks of byCard.values()) {
    const heading = blocks.find((b) => /^h[1-4]$/.test(b.tag));
    const priced = blocks.find((b) => b !== heading && parsePrice(b.text)) ?? (heading && parsePrice(heading.text) ? heading : undefined);
    if (!heading || !priced) continue;
    const price = parsePrice(priced.text)!;
    const items = blocks.filter((b) => b.tag === "li").map((b) => cleanItem(b.text));
    plans.push({
      name: heading.text.replace(PRICE_IN, "").trim() || heading.text,
      ...price,
      includes: items.filter((i) => !LIMIT.test(i)),
      limits: items.filter((i) => LIMIT.test(i)),
      source: { url: page.url, text: `${heading.text}: ${priced.text}` },
    });
  }
  return plans;
}

function plansFromTables(page: PageText): Plan[] {
  const tables = new Map<number, TextBlock[]>();
  for (const b of page.blocks)
    if (b.cell && (b.tag === "td" || b.tag === "th")) tables.set(b.cell.table, [...(tables.get(b.cell.table) ?? []), b]);
  const plans: Plan[] = [];
  for (const cells of tables.values()) {
    const at = (row: number, col: number) => cells.find((c) => c.cell!.row === row && c.cell!.col === col)?.text ?? "";
    const rows = Math.max(...cells.map((c) => c.cell!.row)) + 1;
    const cols = Math.max(...cells.map((c) => c.cell!.col)) + 1;
    const priceRow = Array.from({ length: rows }, (_, r) => r).find((r) => r > 0 && parsePrice(at(r, 1)));
    if (priceRow === undefined) continue;
    for (let col = 1; col < cols; col++) {
      const name = at(0, col);
      const price = parsePrice(at(priceRow, col));
      if (!name || !price) continue;
      const includes: string[] = [];
      const limits: string[] = [];
      for (let r = 1; r < rows; r++) {
        const label = at(r, 0);
        const value = at(r, col).trim();
        if (r === priceRow || !label || value === "" || /^(?:[✗✘×—–-]|no|non|nein)$/iu.test(value)) continue;
        if (/^(?:[✓✔]|yes|oui|ja|sí|sim|included)$/iu.test(value)) includes.push(label);
        else (LIMIT.test(value) || /\d/.test(value) ? limits : includes).push(`${label}: ${value}`);
      }
      plans.push({ name, ...price, includes, limits, source: { url: page.url, text: `${name}: ${at(priceRow, col)}` } });
    }
  }
  return plans;
}

const ATTRIBUTION = /\s*[—–-]\s*([\p{Lu}][\p{L}.'-]+(?: [\p{Lu}][\p{L}.'-]+){0,2})(?:,\s*(.+))?$/u;

const CAPTIONS = new Set(["cite", "figcaption", "footer"]);

/** Testimonials as (quote, person, role): the quote's own "— Name, role", else its footer, caption or cite. */
export function findTestimonials(page: PageText): Testimonial[] {
  const out: Testimonial[] = [];
  page.blocks.forEach((b, i) => {
    if (!b.quote || CAPTIONS.has(b.tag)) return;
    const inline = b.text.match(ATTRIBUTION);
    const quote = (inline ? b.text.slice(0, inline.index) : b.text).trim().replace(/^["“”'‘«\s]+|["“”'’»\s]+$/gu, "");
    if (quote.length < 15 || quote.length > 400) return;
    // A footer inside the blockquote ends (and is stored) before the blockquote itself: look on both sides.
    const caption = page.blocks
      .slice(Math.max(0, i - 3), i + 4)
      .find((c) => CAPTIONS.has(c.tag) && (c.quote || (b.card > 0 && c.card === b.card)));
    const who = inline ? { person: inline[1]!, role: inline[2] ?? "" } : splitPerson(caption?.text ?? "");
    out.push({ quote, person: who.person, role: who.role.trim(), source: { url: page.url, text: b.text } });
  });
  return out;
}

function splitPerson(text: string): { person: string; role: string } {
  const t = text.replace(/^[—–-]\s*/, "").trim();
  const i = t.indexOf(",");
  return i < 0 ? { person: t, role: "" } : { person: t.slice(0, i).trim(), role: t.slice(i + 1).trim() };
}

const PROOF_NUMBER = /(?<![\p{L}\d])(\d[\d,.]*\+?%?)\s+((?:[\p{L}'-]+\s?){1,3})/u;
const NOUN_END = /\s+(?:across|in|for|from|and|with|on|at|per|a|an|the|open|are|is|to|who|that|than|of|en|pour|für|mit)\b.*$/iu;

/** Proof points as (number, noun phrase, sentence) outside plans and quotes: "Trusted by 12,000 home cooks" gives 12,000 and "home cooks". */
export function findProofPoints(page: PageText): ProofPoint[] {
  const priced = new Set(page.blocks.filter((b) => b.card > 0 && parsePrice(b.text)).map((b) => b.card));
  const out: ProofPoint[] = [];
  for (const b of page.blocks) {
    if (b.cell || b.quote || priced.has(b.card) || CAPTIONS.has(b.tag)) continue;
    for (const s of sentences(b.text)) {
      const m = s.match(PROOF_NUMBER);
      if (!m || parsePrice(s)?.currency) continue;
      out.push({ number: m[1]!, noun: m[2]!.trim().replace(NOUN_END, ""), sentence: s, url: page.url });
    }
  }
  return out;
}

/** Every sentence of a page with its URL: what claims may rest on. */
export function pageSnippets(page: PageText): Snippet[] {
  const texts = [page.description, page.ogDescription, ...page.blocks.map((b) => b.text)];
  const out: Snippet[] = [];
  for (const t of texts) for (const s of sentences(t)) if (s.length >= 3) out.push({ url: page.url, text: s });
  // A testimonial stays whole too, so its quote and who said it are one snippet.
  for (const b of page.blocks) if (b.quote && sentences(b.text).length > 1) out.push({ url: page.url, text: b.text });
  return out;
}

/** The snippets of all pages, without repeats, capped (the home page first). */
export function siteSnippets(pages: PageText[], max = 400): Snippet[] {
  const seen = new Set<string>();
  const out: Snippet[] = [];
  for (const p of pages)
    for (const s of pageSnippets(p)) {
      const key = normalize(s.text);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(s);
      if (out.length >= max) return out;
    }
  return out;
}

const SECTION_HEADING =
  /^(?:why|how|what|who|when|where|meet|frequently|faq|our |pricing|plans?\b|features?\b|testimonials?|reviews?|loved|trusted|join|get started|ready|start|sign up|contact|about|simple pricing|compare|pourquoi|comment|warum|wie|por qué|cómo|perché|come)\b|[?:!]$/i;

/** True when a heading names a section ("Why teams switch to X", "Pricing", a question) rather than a feature. */
export function isSectionHeading(heading: string, productName: string): boolean {
  const h = heading.trim();
  return SECTION_HEADING.test(h) || (productName.length > 1 && h.toLowerCase().includes(productName.toLowerCase()));
}
