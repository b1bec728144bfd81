import type { PlatformId } from "../../platforms/ids";
import { stripControlChars } from "../../lib/control-chars";
import { captionLength, checkPost, composePostText, PLATFORM_RULES } from "../../platforms/rules";
import { asPhrase, sentences, truncateWords } from "./builtin/text";
import type { PostParts } from "./types";

/** The caption a platform receives before hashtags: hook, body, call to action, as paragraphs. */
export function composeCaption(p: { hook: string; body: string; callToAction: string }): string {
  return [p.hook, p.body, p.callToAction]
    .map((s) => s.trim())
    .filter(Boolean)
    .join("\n\n");
}

/** A post fitted to its platform, or the reason it cannot be. */
export type FitResult = { ok: true; parts: PostParts; caption: string; notes: string[] } | { ok: false; reason: string };

/**
 * Makes a post fit its platform's limits: trims hashtags to the cap, drops body lines and sentences
 * from the end (also down to `captionAtMost`, the learner's length band), then all hashtags, then shortens the hook. Fails with the platform's own words when
 * even the hook and call to action alone do not fit.
 */
export function fitToPlatform(platform: PlatformId, input: PostParts, opts: { captionAtMost?: number } = {}): FitResult {
  const rules = PLATFORM_RULES[platform];
  const notes: string[] = [];
  // A model's output is text from outside too: no control or bidi characters reach a caption.
  const p: PostParts = {
    ...input,
    title: stripControlChars(input.title),
    hook: stripControlChars(input.hook),
    body: stripControlChars(input.body),
    callToAction: stripControlChars(input.callToAction),
    hashtags: input.hashtags.map(stripControlChars).slice(0, rules.hashtagsMax),
  };
  if (p.hashtags.length < input.hashtags.length)
    notes.push(`Kept ${p.hashtags.length} of ${input.hashtags.length} hashtags (${rules.label} allows ${rules.hashtagsMax}).`);
  if (rules.titleMax !== undefined) p.title = fitTitle(p.title || p.hook, rules.titleMin ?? 1, rules.titleMax, notes);
  while (rules.tagsTotalMax !== undefined && p.hashtags.join("").length > rules.tagsTotalMax) p.hashtags = p.hashtags.slice(0, -1);
  const over = () => captionLength(platform, composePostText(composeCaption(p), p.hashtags)) > rules.captionMax;
  let trimmed = false;
  while (over() && p.body.length > 0) {
    p.body = dropLastPiece(p.body);
    // A list header left without its list reads broken; drop it with the list.
    while (/:\s*$/.test(p.body)) p.body = dropLastPiece(p.body);
    trimmed = true;
  }
  if (trimmed) notes.push(`Shortened the text to fit ${rules.label}'s ${rules.captionMax} characters.`);
  // The learner's caption-length band: body pieces go from the end until the caption is within it (the opening and call to action stay).
  const atMost = opts.captionAtMost ?? Infinity;
  const longer = () => [...composeCaption(p)].length > atMost;
  if (longer() && p.body.length > 0) {
    while (longer() && p.body.length > 0) {
      p.body = dropLastPiece(p.body);
      while (/:\s*$/.test(p.body)) p.body = dropLastPiece(p.body);
    }
    notes.push(`Shortened the text towards the requested caption length (at most ${atMost} characters).`);
  }
  if (p.body === "" && p.hook.trimEnd().endsWith(":")) p.hook = p.hook.trimEnd().replace(/:$/, ".");
  if (over() && p.hashtags.length > 0) {
    p.hashtags = [];
    notes.push(`Dropped the hashtags to fit ${rules.label}'s length limit.`);
  }
  if (over()) {
    const budget = rules.captionMax - captionLength(platform, composeCaption({ hook: "", body: "", callToAction: p.callToAction })) - 2;
    if (budget >= 20) {
      p.hook = truncateWords(p.hook, Math.min(budget, [...p.hook].length));
      while (over() && [...p.hook].length > 20) p.hook = truncateWords(p.hook, [...p.hook].length - 10);
      notes.push("Shortened the hook to fit.");
    }
  }
  const caption = composeCaption(p);
  const problems = checkPost(platform, { title: p.title, caption, hashtags: p.hashtags });
  if (problems.length > 0)
    return {
      ok: false,
      reason: `Could not fit the ${rules.label} post: ${problems.join(" ")} Shorten the product name or URL in the web app's settings.`,
    };
  return { ok: true, parts: p, caption, notes };
}

function fitTitle(title: string, min: number, max: number, notes: string[]): string {
  let t = asPhrase(title.replace(/\s+/g, " ").trim());
  if ([...t].length > max) {
    t = truncateWords(t, max);
    notes.push(`Shortened the title to ${max} characters.`);
  }
  return [...t].length < min ? t.padEnd(min, ".") : t;
}

/** Removes the last line of a text, or the last sentence when it is one line. */
function dropLastPiece(text: string): string {
  const lines = text.split("\n");
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length > 1) return lines.slice(0, -1).join("\n").trim();
  const only = lines[0] ?? "";
  const parts = sentences(only);
  return parts.length > 1 ? parts.slice(0, -1).join(" ").trim() : "";
}
