/** One sentence the site (or the owner's settings, or a feed) says, with where it was read: what a claim may lean on. */
export interface Snippet {
  /** The page URL; "settings" for the owner's own words, or a feed item's URL. */
  url: string;
  /** The exact sentence as the page states it. */
  text: string;
}

/** A number as a sentence states it: its value, its unit (%, a currency), and the words that follow it. */
export interface NumberClaim {
  raw: string;
  value: string;
  unit: string;
  /** Up to three word stems after the number (its noun), and the stem before it. */
  nouns: string[];
  before: string;
}

/** The kinds of claim a sentence can make that the site must back. */
export type ClaimKind =
  | "number"
  | "superlative"
  | "ranking"
  | "award"
  | "endorsement"
  | "certification"
  | "testimonial"
  | "discount"
  | "scarcity"
  | "guarantee";

/** A claim phrase found in a sentence. */
export interface TermClaim {
  kind: ClaimKind;
  /** The phrase as written, lower-cased ("award-winning"). */
  term: string;
}

const TERMS: [ClaimKind, RegExp][] = [
  [
    "superlative",
    /\b(?:fastest|quickest|easiest|simplest|cheapest|smartest|best|most (?:powerful|advanced|popular|trusted|loved|secure|affordable|complete|accurate|reliable)|#1|number one|no\. ?1|n°1|(?:market|industry)[- ]leading|leading|world'?s (?:best|first|leading|only|fastest)|the only \w+|unmatched|unbeatable|unrivall?ed|revolutionary|le plus \w+|la plus \w+|meilleure?s?|schnellste[nrs]?|beste[nrs]?|einzige[nrs]?)\b/gi,
  ],
  [
    "ranking",
    /\b(?:ranked|voted|top[- ]rated|top \d+|product of the (?:day|week|month|year)|product hunt|rated|5[- ]star|five[- ]star|g2 leader)\b/gi,
  ],
  ["award", /\b(?:award[- ]winning|awards?|winner|won|prize|finalist|prix|preisgekrönt\w*|auszeichnung\w*)\b/gi],
  [
    "endorsement",
    /\b(?:trusted by|loved by|used by|chosen by|backed by|recommended by|endorsed by|as seen (?:in|on)|featured (?:in|on)|best[- ]selling)\b/gi,
  ],
  [
    "certification",
    /\b(?:certified|certification|compliant|compliance|gdpr|rgpd|dsgvo|hipaa|soc ?(?:2|ii|1|i)|iso ?\d{4,5}|pci(?:[- ]dss)?|ccpa|fedramp|audited|accredited|patented|patent|certifié\w*|conforme|zertifiziert\w*|konform)\b/gi,
  ],
  [
    "discount",
    /(?:\d+ ?% off|% off|\b(?:discount\w*|coupon\w*|promo(?:tion)?(?: code)?|code [a-z0-9]*\d[a-z0-9]*|half price|on sale|save \d+|rabais|remise|réduction|rabatt\w*|gutschein\w*)\b)/gi,
  ],
  [
    "scarcity",
    /\b(?:only \d+ (?:\w+ )?(?:left|remaining)|spots? left|seats? left|places? left|\d+ (?:spots|seats|places) left|limited (?:time|offer|spots|seats|places|availability)|while (?:supplies|stocks) last|ends (?:today|tonight|soon|at midnight)|last chance|hurry|today only|selling fast|sold out|almost gone|don'?t miss out)\b/gi,
  ],
  ["guarantee", /\b(?:guarantee[ds]?|money[- ]back|risk[- ]free|no questions asked|refunds?|garanti\w*|garantie\w*)\b/gi],
];

const STRUCTURAL_COUNT = /^\s*(?:in\s+)?\d\s+(?:reasons?|things?|points?|ways?|tips?|steps?|features?|ideas?)\b/i;
const NUMBER_RE = /(?<![\p{L}\d.,/#])([$€£¥])?\s?(\d+(?:[.,]\d+)*)(?:\s?(%|[$€£¥]|eur\b|usd\b|gbp\b))?/giu;
const STOPWORDS = new Set(
  "a an the of per more than over up to and or in on at by for with from your our you we it its is are be this that these those plus just only all new each every de la le les des du un une et en pour par der die das und für mit ein eine von".split(
    " ",
  ),
);

/** Lower-cases and flattens a text for matching: straight quotes, no thousands commas, single spaces. */
export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/(\d)[,  ](?=\d{3}\b)/g, "$1")
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A crude stem so "hours" meets "hour" and "cooks" meets "cook". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, "");
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith("es") && /(?:ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

/** The content-word stems of a text (no stop words, no numbers). */
export function contentWords(text: string): string[] {
  // Hyphenated words count as their parts: "family-sized" backs #FamilySizedPortions.
  return (text.toLowerCase().match(/\p{L}[\p{L}']*/gu) ?? []).filter((w) => w.length > 2 && !STOPWORDS.has(w)).map(stem);
}

function numberValue(raw: string): string {
  // "4,99" is a decimal comma; "12,000" lost its thousands comma in normalize().
  const dot = /^\d+,\d{1,2}$/.test(raw) ? raw.replace(",", ".") : raw.replace(/,/g, "");
  return /\.\d+$/.test(dot) ? dot.replace(/\.?0+$/, "") : dot;
}

function unitOf(u: string | undefined): string {
  const x = (u ?? "").toLowerCase();
  return x === "eur" ? "€" : x === "usd" ? "$" : x === "gbp" ? "£" : x;
}

/** The numbers of a normalized sentence with their unit and noun; structural counts ("3 reasons") are not claims. */
export function numberClaims(text: string): NumberClaim[] {
  const body = STRUCTURAL_COUNT.test(text) ? text.replace(/\d/, "") : text;
  const out: NumberClaim[] = [];
  for (const m of body.matchAll(NUMBER_RE)) {
    const after = body.slice(m.index + m[0].length, m.index + m[0].length + 60);
    const nouns = (after.match(/\p{L}[\p{L}'-]*/gu) ?? [])
      .filter((w) => !STOPWORDS.has(w))
      .slice(0, 3)
      .map(stem);
    const prev = body.slice(Math.max(0, m.index - 30), m.index).match(/(\p{L}[\p{L}'-]*)\W*$/u);
    out.push({
      raw: m[2]!,
      value: numberValue(m[2]!),
      unit: unitOf(m[1] ?? m[3]),
      nouns,
      before: prev ? stem(prev[1]!) : "",
    });
  }
  return out;
}

/** The claim phrases of a normalized sentence (awards, rankings, certifications, discounts, ...). */
export function termClaims(text: string): TermClaim[] {
  const out: TermClaim[] = [];
  for (const [kind, re] of TERMS) for (const m of text.matchAll(re)) out.push({ kind, term: m[0].trim() });
  return out;
}

/** A direct quote: double quotes, or single quotes around two or more words (apostrophes are not quotes). */
const QUOTE_RE = /"([^"]{10,})"|(?<![\p{L}\d])'([^']*\s[^']*?)'(?![\p{L}\d])/gu;
const ROLE =
  "CEO|CTO|CFO|COO|VP|[Cc]o-?founder|[Ff]ounder|[Hh]ead|[Mm]anager|[Dd]irector|[Ll]ead|[Ee]ngineer|[Dd]eveloper|[Dd]esigner|[Oo]wner|[Tt]eacher|[Pp]arent|[Mm]other|[Ff]ather|[Mm]um|[Mm]om|[Dd]ad|[Uu]ser|[Cc]ustomer|[Pp]resident|[Cc]hef|[Mm]arketer|[Cc]onsultant|[Ff]reelancer";
/** An indirect testimonial: "Jane, a CTO at Acme, calls it ...", "Tom swears by it", "... says Jane". */
const INDIRECT_RE = new RegExp(
  `(\\p{Lu}[\\p{Ll}'-]+(?: \\p{Lu}[\\p{Ll}'-]+)?)(?:(?:, (?:(?:a|an|the|our) )?|,? (?:a|an|the|our) )(?:[\\p{L}&-]+ ){0,3}?(?:${ROLE})\\b[^,:;.]*| (?:says|said|calls it|told us|swears by|raves about|describes it as)\\b)|\\b(?:says|said|according to) (\\p{Lu}[\\p{Ll}'-]+)`,
  "gu",
);

/** Direct quotes of a sentence (their inner text, normalized). */
export function quotes(sentence: string): string[] {
  const n = normalize(sentence);
  return [...n.matchAll(QUOTE_RE)].map((m) => (m[1] ?? m[2] ?? "").trim()).filter((q) => q.length >= 10);
}

/** An indirect testimonial in a sentence: the phrase and the person named (when one is). */
export function indirectTestimonial(sentence: string): { phrase: string; person: string } | undefined {
  const flat = sentence.replace(/[’‘]/g, "'");
  for (const m of flat.matchAll(INDIRECT_RE)) return { phrase: m[0].trim(), person: (m[1] ?? m[2] ?? "").trim() };
  return undefined;
}

/** The site's sentences, prepared once for matching a batch of posts against them. */
export interface Evidence {
  snippets: Snippet[];
  /** The normalized text of each snippet, with hyphens as spaces for phrase matching. */
  flat: string[];
  numbers: NumberClaim[][];
  /** Word stem -> indexes of the snippets holding it. */
  words: Map<string, number[]>;
  /** Every number value anywhere in the evidence (to tell an invented number from one in the wrong context). */
  values: Set<string>;
  /** Addresses (the site's domain) taken out of a sentence before it is checked: "127.0.0.1" states no number. */
  ignore: string[];
}

/** Builds the matching index over the snippets (a few hundred sentences in well under a millisecond each). */
export function buildEvidence(snippets: Snippet[], ignore: string[] = []): Evidence {
  const flat: string[] = [];
  const numbers: NumberClaim[][] = [];
  const words = new Map<string, number[]>();
  const values = new Set<string>();
  snippets.forEach((s, i) => {
    const n = normalize(s.text);
    flat.push(` ${n.replace(/-/g, " ")} `);
    const nums = numberClaims(n);
    numbers.push(nums);
    for (const x of nums) values.add(x.value);
    for (const w of new Set(contentWords(n))) {
      const list = words.get(w);
      if (list) list.push(i);
      else words.set(w, [i]);
    }
  });
  return { snippets, flat, numbers, words, values, ignore: ignore.filter(Boolean) };
}

/** The first snippet index whose text contains a phrase (word-bounded, hyphens as spaces); -1 when none. */
export function findPhrase(ev: Evidence, phrase: string): number {
  const p = phrase.toLowerCase().replace(/-/g, " ").replace(/\s+/g, " ").trim();
  const re = new RegExp(`(?<![\\p{L}\\d])${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`, "u");
  return ev.flat.findIndex((f) => re.test(f));
}

const CURRENCIES = new Set(["$", "€", "£", "¥"]);
const PERIODS: Record<string, string> = {
  month: "month",
  mo: "month",
  moi: "month",
  monat: "month",
  year: "year",
  yr: "year",
  an: "year",
  jahr: "year",
  week: "week",
  day: "day",
  user: "user",
  seat: "user",
};

function period(nouns: string[]): string | undefined {
  return nouns
    .slice(0, 2)
    .map((w) => PERIODS[w])
    .find(Boolean);
}

/** The snippet index that states this number with its unit and noun, or -1. */
export function findNumber(ev: Evidence, n: NumberClaim): number {
  const strong = (u: string) => u !== "";
  return ev.numbers.findIndex((list) =>
    list.some((s) => {
      if (s.value !== n.value) return false;
      if ((strong(n.unit) || strong(s.unit)) && n.unit !== s.unit) return false;
      // A price is its currency: only a different period ("$8 a month" against "$8 a year") tells it apart.
      if (CURRENCIES.has(n.unit)) return !(period(n.nouns) && period(s.nouns) && period(n.nouns) !== period(s.nouns));
      if (n.nouns.length === 0) return true;
      const theirs = new Set([...s.nouns, s.before]);
      return n.nouns.slice(0, 2).some((w) => theirs.has(w)) || (n.before !== "" && theirs.has(n.before) && strong(n.unit));
    }),
  );
}

/** The snippet sharing the most content words with a sentence, when it shares at least `share` of them; -1 otherwise. */
export function bestOverlap(ev: Evidence, sentence: string, share = 0.5): number {
  const ws = [...new Set(contentWords(normalize(sentence)))];
  if (ws.length === 0) return -1;
  const hits = new Map<number, number>();
  for (const w of ws) for (const i of ev.words.get(w) ?? []) hits.set(i, (hits.get(i) ?? 0) + 1);
  let best = -1;
  let bestN = 0;
  for (const [i, n] of hits) if (n > bestN || (n === bestN && i < best)) [best, bestN] = [i, n];
  return bestN / ws.length >= share ? best : -1;
}

/** True when every content word of a text occurs somewhere in the evidence (for hashtags and keywords). */
export function wordsKnown(ev: Evidence, text: string): boolean {
  const ws = contentWords(text);
  return ws.length > 0 ? ws.every((w) => ev.words.has(w)) : findPhrase(ev, normalize(text)) >= 0;
}
