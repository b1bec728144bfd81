import type { Evidence } from "../research/evidence";
import { displayDomain, sentences } from "./builtin/text";
import { checkSentence, reasonText, type UnsupportedClaim } from "./claims";
import type { PostParts } from "./types";

/** One sentence of a post beside the site snippet it rests on (url and snippet empty when it states no fact). */
export interface SentenceSource {
  /** Which part of the post: "title", "caption", "call to action", "hashtags", "on-screen text", "voiceover", ... */
  field: string;
  text: string;
  url: string;
  snippet: string;
}

/** What a person sees before approving: the sentences no snippet supports, and every sentence with its source. */
export interface PostReview {
  unsupported: UnsupportedClaim[];
  sources: SentenceSource[];
}

/** Splits a hashtag into the words it is made of ("MealPlanning" -> "Meal Planning", "Top10Apps" -> "Top 10 Apps"). */
export function hashtagWords(tag: string): string {
  return tag
    .replace(/^#/, "")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{L})(\d)/gu, "$1 $2")
    .replace(/(\d)(\p{L})/gu, "$1 $2")
    .replace(/[_-]+/g, " ");
}

/** The text of a field without links or the site's own domain (an address is not a claim: "127.0.0.1" states no number). */
export function withoutAddresses(text: string, url: string): string {
  const domain = displayDomain(url);
  const t = text.replace(/https?:\/\/\S+/g, " ").replace(/→/g, " ");
  return (domain ? t.split(domain).join(" ") : t).replace(/[ \t]+/g, " ").trim();
}

/** Every text field of a post, sentence by sentence, as [field, sentence] pairs. */
export function postSentences(parts: PostParts, url: string): [string, string][] {
  const out: [string, string][] = [];
  const add = (field: string, text: string) => {
    for (const line of withoutAddresses(text, url).split("\n"))
      for (const s of sentences(line)) if (/[\p{L}\d]/u.test(s)) out.push([field, s]);
  };
  add("title", parts.title);
  // A thread's posts are what X receives: each is checked as its own field, in order.
  if (parts.thread?.length) parts.thread.forEach((post, i) => add(`post ${i + 1}`, post));
  else {
    add("hook", parts.hook);
    add("text", parts.body);
    add("call to action", parts.callToAction);
  }
  for (const h of parts.hashtags) out.push(["hashtags", `#${h}`]);
  if (parts.firstComment) add("first comment", parts.firstComment);
  for (const [i, s] of (parts.slides ?? []).entries()) add(`slide ${i + 1}`, s.text);
  for (const s of parts.script?.scenes ?? []) {
    add("on-screen text", s.onScreenText);
    add("voiceover", s.voiceover);
  }
  return out;
}

/** Checks every sentence of a finished post and links each to its supporting snippet. */
export function reviewPost(parts: PostParts, url: string, ev: Evidence): PostReview {
  const unsupported: UnsupportedClaim[] = [];
  const sources: SentenceSource[] = [];
  const seen = new Set<string>();
  for (const [field, text] of postSentences(parts, url)) {
    const checked = checkSentence(field === "hashtags" ? hashtagWords(text) : text, ev);
    if (checked.problems.length > 0 && !seen.has(text)) {
      seen.add(text);
      unsupported.push({ text, reason: reasonText(checked.problems) });
    }
    sources.push({ field, text, url: checked.source?.url ?? "", snippet: checked.source?.text ?? "" });
  }
  return { unsupported, sources };
}
