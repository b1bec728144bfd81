import { intentsOf } from "./intent-rules";
import { detectLanguage } from "./language";
import { SPAM_THRESHOLD, spamScore } from "./spam-rules";
import { fingerprintComment, prepareComment, wordsOnly } from "./text";

/** Every label a comment can carry, in the order they are listed. */
export const LABELS = ["spam", "toxic", "question", "complaint", "praise", "purchase_intent", "other"] as const;

/** One label of a comment (see docs/comments.md for what each means). */
export type Label = (typeof LABELS)[number];

/** What to classify: the text as the platform gave it, and optionally where it came from and what was seen on other posts. */
export interface CommentInput {
  text: unknown;
  platform?: string;
  /**
   * Texts seen on the owner's other posts, to catch the same text pasted under many posts: a Set holds fingerprints
   * (from `fingerprintComment`), a list holds raw texts.
   */
  seenTexts?: ReadonlySet<string> | readonly string[];
  /** The app's own domains (e.g. `mealplanr.app`): a link to them is not a link to elsewhere. */
  ownDomains?: readonly string[];
}

/** The classifier's answer, as POST /api/v1/comments/classify returns it. */
export interface Classification {
  labels: Label[];
  spam: boolean;
  /** ISO 639-1 code, or "und" when the text has too few letters to tell. */
  language: string;
}

// A short fingerprint ("thanks", "first") is said by many real people under many posts; only longer ones count as copies.
const MIN_REPEATED_FINGERPRINT = 12;

function seenBefore(text: unknown, seen: CommentInput["seenTexts"]): boolean {
  if (!seen) return false;
  const fp = fingerprintComment(text);
  if (fp.length < MIN_REPEATED_FINGERPRINT) return false;
  if (seen instanceof Set) return seen.has(fp);
  return (seen as readonly string[]).some((s) => fingerprintComment(s) === fp);
}

function isOwnLink(link: string, ownDomains: readonly string[]): boolean {
  const host = link.split(/[/?#:]/, 1)[0] ?? "";
  return ownDomains.some((d) => {
    const domain = d.toLowerCase().replace(/^www\./, "");
    return host === domain || host.endsWith(`.${domain}`);
  });
}

/**
 * Labels a comment offline with rules and the bundled language detector. Never throws, whatever the input, and
 * reads at most MAX_ANALYSED_CHARS characters, so its time is bounded. Spam carries only the "spam" label.
 */
export function classifyComment(input: CommentInput): Classification {
  const prepared = prepareComment(input?.text);
  const ownDomains = input?.ownDomains ?? [];
  if (ownDomains.length > 0) prepared.links = prepared.links.filter((l) => !isOwnLink(l, ownDomains));
  const language = detectLanguage(wordsOnly(prepared), prepared.folded);
  if (spamScore(prepared, seenBefore(input?.text, input?.seenTexts)) >= SPAM_THRESHOLD) {
    return { labels: ["spam"], spam: true, language };
  }
  const intents = intentsOf(prepared.folded, language);
  const labels = LABELS.filter((l) => intents.has(l as never));
  return { labels: labels.length > 0 ? labels : ["other"], spam: false, language };
}
