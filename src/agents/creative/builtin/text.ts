/** A small deterministic PRNG (mulberry32) so the same app and date always write the same post. */
export function seededRandom(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks one element with the generator. */
export function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length) % xs.length]!;
}

/** Days since 1970-01-01 for a YYYY-MM-DD date: rotates styles so consecutive days differ. */
export function dayNumber(localDate: string): number {
  return Math.floor(Date.parse(`${localDate}T00:00:00Z`) / 86_400_000);
}

/** Lower-cases the first letter when the first word is an ordinary word, not a name or acronym. */
export function lowerFirst(s: string): string {
  const words = s.split(" ");
  const first = words[0] ?? "";
  const second = words[1] ?? "";
  const ordinary = /^\p{Lu}[\p{Ll}-]+[,:]?$/u.test(first) && (second === "" || !/^\p{Lu}/u.test(second));
  return ordinary ? first[0]!.toLowerCase() + s.slice(1) : s;
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function endSentence(s: string): string {
  const t = s.trim();
  return /[.!?…:"”)]$/u.test(t) ? t : `${t}.`;
}

/** Strips a trailing full stop so a phrase can sit inside a sentence. */
export function asPhrase(s: string): string {
  return s.trim().replace(/[.!…]+$/u, "");
}

/** Cuts text to at most n graphemes at a word boundary, adding an ellipsis. */
export function truncateWords(s: string, n: number): string {
  const g = graphemes(s);
  if (g.length <= n) return s;
  const cut = g.slice(0, Math.max(1, n - 1)).join("");
  const space = cut.lastIndexOf(" ");
  let base = space > cut.length * 0.5 ? cut.slice(0, space) : cut;
  // A cut right after a number leaves a claim the site never made ("Basis (0…" for "Basis (0 € / Monat)"): the
  // number that lost its unit or noun goes too.
  base = base.replace(/(?:\s+[^\s\p{L}]*\d[^\s\p{L}]*)+$/u, "") || base;
  return base.replace(/[\s,;:.\-–—]+$/u, "") + "…";
}

/** Splits text into user-perceived characters (emoji and combined marks stay whole). */
export function graphemes(s: string): string[] {
  return [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s)].map((x) => x.segment);
}

/** Splits text into sentences, keeping their punctuation. */
export function sentences(text: string): string[] {
  // A full stop only ends a sentence before a space or the end, so "4.8 stars" and "$4.99" stay whole.
  return (text.match(/[^\n]+?(?:[.!?…]+["”)]?(?=\s|$)|$)/gu) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** Whether a host is a name the audience can type: not an IP literal, not localhost, not a single label or a local-only suffix. */
export function isPublicHostname(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (!h.includes(".") || h.startsWith("[") || /^[\d.]+$/.test(h) || h.includes(":")) return false;
  return !/\.(localhost|local|internal|lan|home\.arpa)$/.test(h);
}

/** The host name without "www." for a URL, or the URL itself when it cannot be parsed. */
export function displayDomain(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}
