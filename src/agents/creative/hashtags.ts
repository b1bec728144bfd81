import type { PlatformId } from "../../platforms/ids";
import { PLATFORM_RULES } from "../../platforms/rules";
import { normalize } from "../research/evidence";
import type { ProductFacts } from "../research/facts";
import { EN } from "./builtin/lang/en";
import { phrasesFor } from "./builtin/lang";
import { hashtagWords } from "./provenance";

const MAX_TAG = 30;
const MAX_WORDS = 3;
/** French and Italian elisions ("l'application", "d'équipe"): the word after the apostrophe is the word. */
const ELISION = /^(?:l|d|qu|j|n|s|c|m|t|un|all|dell|nell|sull)['’](\p{L}{3,})$/iu;

/** A hashtag the site's words support, with the words it is made of and where they came from (the learner can rank these). */
export interface TagCandidate {
  tag: string;
  words: string[];
  source: "name" | "keyword" | "feature";
}

/** Turns a phrase into a hashtag word ("meal planning" -> "MealPlanning"); undefined when nothing usable is left. */
export function toHashtag(phrase: string): string | undefined {
  const words = phrase.replace(/^#/, "").match(/[\p{L}\p{N}]+/gu) ?? [];
  const tag = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (!/\p{L}/u.test(tag) || [...tag].length > MAX_TAG || [...tag].length < 2) return undefined;
  return tag;
}

/** The words that never make a hashtag on their own, for a site language (English ones always count too). */
export function stopWordsFor(language: string | undefined): Set<string> {
  return new Set([...EN.stopWords, ...phrasesFor(language).phrases.stopWords]);
}

/** True for a dictionary-like word: letters only, 3-20 of them, a vowel, not a stop word ("les", "everyone", "re" are not). */
export function isWord(word: string, stop: Set<string>): boolean {
  const w = word.toLowerCase();
  return /^\p{L}{3,20}$/u.test(w) && /[aeiouyàâäéèêëíìîïóòôöúùûüãõœæå]/u.test(w) && !stop.has(w) && !/^(.)\1+$/u.test(w);
}

/** The words of a phrase usable in a tag, or undefined when a piece is a fragment (a contraction's half, an edge stop word, a digit). */
function phraseWords(phrase: string, stop: Set<string>): string[] | undefined {
  const tokens = phrase.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0 || tokens.length > MAX_WORDS) return undefined;
  const words = tokens.map((t) => t.match(ELISION)?.[1] ?? t);
  // A stop word may sit inside a phrase ("réservation en ligne") but never at its edge ("coche les").
  const edges = [words[0]!, words[words.length - 1]!];
  const ok = words.every((w) => /^\p{L}+$/u.test(w)) && edges.every((w) => isWord(w, stop));
  return ok ? words : undefined;
}

/** How many of the site's sentences hold a phrase as whole words: a term the page repeats is one of its own terms. */
function counter(facts: ProductFacts): (phrase: string) => number {
  const texts = [...(facts.snippets ?? []).map((s) => s.text), ...facts.features, facts.whatItDoes].map((t) => ` ${normalize(t)} `);
  return (phrase) => {
    const re = new RegExp(`(?<![\\p{L}\\d])${phrase.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`, "u");
    return texts.filter((t) => re.test(t)).length;
  };
}

/** A word that names a topic: not an English adverb, gerund or verb ("instantly", "organise"); in German, a capitalised noun. */
function namesATopic(word: string, language: string | undefined, asWritten = word): boolean {
  const lang = (language ?? "en").slice(0, 2);
  if (lang === "de") return /^\p{Lu}/u.test(asWritten);
  return lang !== "en" || !/(?:ly|ing|ise|ize)$/i.test(word) || /(?:ning|ting)$/i.test(word);
}

/** Hashtag candidates from the product name, the site's keywords (category and repeated terms) and the nouns its features start with. */
export function hashtagCandidates(facts: ProductFacts): TagCandidate[] {
  const stop = stopWordsFor(facts.language);
  for (const w of facts.name.match(/\p{L}+/gu) ?? []) stop.add(w.toLowerCase());
  const occurs = counter(facts);
  // Facts stored before research kept the site's sentences cannot be counted against: their keywords are trusted as they are.
  const onSite = (phrase: string, times: number) => !facts.snippets || occurs(phrase) >= times;
  const out: TagCandidate[] = [];
  const name = toHashtag(facts.name);
  if (name) out.push({ tag: name, words: facts.name.match(/[\p{L}\p{N}]+/gu) ?? [], source: "name" });
  for (const k of facts.keywords) {
    const words = phraseWords(k, stop);
    const last = words?.[words.length - 1];
    if (!words || !last || !namesATopic(last, facts.language, findCase(facts, last))) continue;
    if (words.length > 1 ? onSite(words.join(" "), 1) : words[0]!.length >= 6 && onSite(words[0]!, 2))
      out.push({ tag: words.map(capital).join(""), words, source: "keyword" });
  }
  for (const f of facts.features) {
    const first = f.trim().split(/[\s,.;:()]+/)[0] ?? "";
    const w = first.match(ELISION)?.[1] ?? first;
    if (w.length >= 5 && phraseWords(w, stop) && namesATopic(w, facts.language))
      out.push({ tag: capital(w), words: [w], source: "feature" });
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.tag.toLowerCase()) && seen.add(c.tag.toLowerCase()));
}

/** A word as the site writes it (keywords are stored lower-cased): German nouns keep their capital there. */
function findCase(facts: ProductFacts, word: string): string {
  const re = new RegExp(`(?<![\\p{L}])(${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})(?![\\p{L}])`, "iu");
  for (const s of facts.snippets ?? []) {
    const m = s.text.match(re);
    if (m && /^\p{Lu}/u.test(m[1]!)) return m[1]!;
  }
  return word;
}

/** Picks a platform's hashtags: the product's tag first, then candidates rotated by the turn, within the platform's useful count. */
export function pickHashtags(platform: PlatformId, candidates: TagCandidate[], turn: number): string[] {
  const rules = PLATFORM_RULES[platform];
  const [lo, hi] = rules.hashtagsIdeal;
  const count = Math.min(lo + (turn % (hi - lo + 1)), rules.hashtagsMax);
  const first = candidates.filter((c) => c.source === "name").slice(0, 1);
  const keywords = candidates.filter((c) => c.source === "keyword");
  const rest = [...keywords, ...candidates.filter((c) => c.source === "feature")];
  const shift = rest.length > 0 ? turn % Math.min(rest.length, Math.max(keywords.length, 1) + 2) : 0;
  const rotated = [...rest.slice(shift), ...rest.slice(0, shift)];
  return [...first, ...rotated].slice(0, count).map((c) => c.tag);
}

/** Why a hashtag is a fragment rather than words (a split contraction, a stop word), or undefined when it is fine. */
export function fragmentTag(tag: string, facts: ProductFacts): string | undefined {
  const own = toHashtag(facts.name)?.toLowerCase();
  if (own && tag.replace(/^#/, "").toLowerCase() === own) return undefined;
  const stop = stopWordsFor(facts.language);
  const nameWords = new Set((facts.name.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));
  const words = hashtagWords(tag).split(/\s+/).filter(Boolean);
  // Inside a tag a short word may link two others (#RéservationEnLigne); at either edge it is a fragment (#CocheLes, #YouReBack).
  const edges = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  const bad = [...edges, ...words.filter((w) => w.length > 3)].find(
    (w) => !/^\d+$/.test(w) && !nameWords.has(w.toLowerCase()) && !isWord(w, stop),
  );
  return bad === undefined ? undefined : `"${bad}" is not a word on its own`;
}

function capital(w: string): string {
  return w[0]!.toUpperCase() + w.slice(1);
}
