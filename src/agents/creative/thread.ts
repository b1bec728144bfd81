import { composePostText, PLATFORM_RULES, weightedLength } from "../../platforms/rules";
import { THREAD_POSTS } from "../../platforms/thread";
import type { Evidence } from "../research/evidence";
import { asPhrase, sentences, truncateWords } from "./builtin/text";
import { checkSentence } from "./claims";
import { withoutAddresses } from "./provenance";
import type { PostParts } from "./types";

/** The most weighted characters of one X post (URLs count 23, as X counts them). */
const POST_MAX = PLATFORM_RULES.x.captionMax;
const URL_RE = /https?:\/\/\S+/;
const NUMBERED = /^\s*\d+\s*\/\s*\d+\s+/;

/** True when the app's voice asks for numbered thread posts ("number the thread", "1/4 style"). */
export function wantsNumbering(voice: string): boolean {
  return /\bnumber(?:ed|s)?\b[^.]{0,30}\b(?:threads?|posts?|tweets?)\b|\b(?:threads?|posts?|tweets?)\b[^.]{0,30}\bnumbered\b|\b1\/\d\b/i.test(
    voice,
  );
}

/** The posts numbered "1/3 ...", "2/3 ...", replacing a number the writer put there itself. */
export function numberPosts(posts: string[]): string[] {
  return posts.map((p, i) => `${i + 1}/${posts.length} ${p.replace(NUMBERED, "")}`);
}

/**
 * A thread from a post's parts when the writer gave none (a model that answered without `thread`): the hook, up to two
 * body paragraphs (each its own post), the call to action with the link last.
 */
export function threadFromParts(parts: Pick<PostParts, "hook" | "body" | "callToAction">): string[] {
  const middle = parts.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, THREAD_POSTS[1] - 2);
  return [parts.hook.trim(), ...middle, parts.callToAction.trim()].filter(Boolean);
}

/** A thread ready for X: 2-4 posts each within 280 weighted characters, the link kept whole, hashtags only where they fit. */
export interface FittedThread {
  posts: string[];
  hashtags: string[];
  notes: string[];
}

/**
 * Makes a thread fit X: posts past the fourth join the third, an over-long post is cut at a word (the last post's link
 * is never cut: its text before the link is), and the hashtags (published after the last post) are dropped from the end
 * until the last post with them fits. Undefined when fewer than two posts are left.
 */
export function fitThread(input: string[], hashtags: string[], numbered: boolean): FittedThread | undefined {
  const notes: string[] = [];
  let posts = input.map((p) => p.replace(NUMBERED, "").trim()).filter(Boolean);
  if (posts.length > THREAD_POSTS[1]) {
    posts = [...posts.slice(0, THREAD_POSTS[1] - 2), posts.slice(THREAD_POSTS[1] - 2, -1).join(" "), posts.at(-1)!];
    notes.push(`Joined the middle of the thread into ${THREAD_POSTS[1]} posts (X threads here have ${THREAD_POSTS.join("-")}).`);
  }
  if (posts.length < THREAD_POSTS[0]) return undefined;
  const label = (p: string[]) => (numbered ? numberPosts(p) : p);
  // The number prefix ("4/4 ") counts too: room is measured on the posts as they will be published.
  const room = (i: number) => POST_MAX - (numbered ? weightedLength(`${i + 1}/${posts.length} `) : 0);
  posts = posts.map((p, i) => {
    const max = room(i);
    if (weightedLength(p) <= max) return p;
    notes.push(`Shortened post ${i + 1} of the thread to X's ${POST_MAX} characters.`);
    const link = p.match(URL_RE)?.[0];
    if (!link) return cut(p, max);
    const before = asPhrase(p.replace(link, "").replace(/→\s*$/, "").trim());
    return `${cut(before, max - weightedLength(` → ${link}`))} → ${link}`;
  });
  let tags = hashtags.slice(0, PLATFORM_RULES.x.hashtagsMax);
  const lastFits = () => weightedLength(composePostText(label(posts).at(-1)!, tags)) <= POST_MAX;
  while (tags.length > 0 && !lastFits()) tags = tags.slice(0, -1);
  if (tags.length < hashtags.length) notes.push(`Kept ${tags.length} of ${hashtags.length} hashtags so the last post fits X.`);
  return { posts: label(posts), hashtags: tags, notes };
}

function cut(text: string, max: number): string {
  let t = text;
  while (weightedLength(t) > max && [...t].length > 1) t = truncateWords(t, Math.min([...t].length - 1, max));
  return t;
}

/**
 * The claims check over every post of a thread (or a first comment, as one post): a sentence with an invented claim
 * goes (links are not claims); an emptied opening takes `safeHook`, an emptied middle post goes, and a last post that
 * lost its link gets `fallback` with the link. `where` names post i in the notes.
 */
export function checkThreadClaims(
  posts: string[],
  ev: Evidence,
  linkUrl: string,
  safe: { hook: string; cta: string; where?: (i: number) => string },
  notes: string[],
): string[] {
  const where = safe.where ?? ((i: number) => `post ${i + 1} of the thread`);
  const out = posts.map((post, i) =>
    post
      .split("\n")
      .map((line) =>
        sentences(line)
          .filter((s) => {
            const bad = checkSentence(withoutAddresses(s, linkUrl), ev).problems;
            if (!bad.some((p) => p.invented)) return true;
            notes.push(`Removed from ${where(i)}: "${s}" (${bad.map((p) => p.reason).join(", ")} not found on the site).`);
            return false;
          })
          .join(" "),
      )
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
  const last = out.length - 1;
  if (linkUrl && !out[last]!.includes(linkUrl)) out[last] = `${out[last]}\n\n${safe.cta} → ${linkUrl}`.trim();
  if (!out[0]) out[0] = safe.hook;
  return out.filter((p, i) => i === 0 || i === last || p !== "");
}
