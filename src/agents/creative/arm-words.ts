// What a writer can be asked for (the learner's arms, src/learning/arms.ts), with each value in words for a model's prompt.

/** Opening-line families. */
export const HOOK_FAMILIES = ["question", "number", "how_to", "bold_claim", "statement"] as const;
/** One opening-line family. */
export type HookFamily = (typeof HOOK_FAMILIES)[number];

/** Body structures: facts in a row, facts then a question to the reader, a short bulleted list, or no body at all. */
export const BODY_STRUCTURES = ["facts", "ask", "list", "hook_only"] as const;
/** One body structure. */
export type BodyStructure = (typeof BODY_STRUCTURES)[number];

/** Caption length bands. */
export type LengthBand = "short" | "medium" | "long";
/** Hashtag count bands. */
export type HashtagBand = "none" | "few" | "many";

/** Each opening family in words. */
export const HOOK_DEFINITIONS: Record<HookFamily, string> = {
  question: "the first line asks the reader a question and ends with a question mark",
  number: "the first line opens with a figure taken from the facts",
  how_to: 'the first line promises to show how ("How to ...", "Here\'s how ...")',
  bold_claim: "the first line is a confident statement of a fact that ends with an exclamation mark",
  statement: "the first line is a plain statement of a fact that ends with a full stop",
};

/** Each body structure in words. */
export const STRUCTURE_DEFINITIONS: Record<BodyStructure, string> = {
  facts: "one to three short paragraphs, each stating one fact from the list; no question, no bullets",
  ask: "one or two facts, then a question to the reader (or an invitation to comment) as the body's last line",
  list: "a short list of three items, one per line, each starting with a bullet (•)",
  hook_only: "no body at all (body empty): the opening line and the call to action alone",
};

/** Caption length bands in characters (inclusive). */
export const LENGTH_RANGE: Record<LengthBand, [number, number]> = { short: [0, 99], medium: [100, 300], long: [301, Infinity] };
/** Hashtag count bands (inclusive). */
export const HASHTAG_RANGE: Record<HashtagBand, [number, number]> = { none: [0, 0], few: [1, 3], many: [4, Infinity] };

/** The caption length band: short under 100 characters, long over 300. */
export function lengthBand(caption: string): LengthBand {
  const n = [...caption].length;
  return n < LENGTH_RANGE.medium[0] ? "short" : n > LENGTH_RANGE.medium[1] ? "long" : "medium";
}

const LIST_ITEM = /^(?:[-*•→▪►✓✔✅✨]\uFE0F?|\d+[.)])\s/u;

/** The body structure of a post's body (the text between its opening and its call to action; hashtag-only lines ignored). */
export function bodyStructure(body: string): BodyStructure {
  const lines = body
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^(#[\p{L}\p{N}_]+\s*)+$/u.test(l));
  if (lines.length === 0) return "hook_only";
  if (lines.filter((l) => LIST_ITEM.test(l)).length >= 2) return "list";
  // A closing line that asks, or invites comments ("Tell us in the comments", "Dites-le-nous en commentaire"), asks the reader.
  if (/[?？]|\b(comment|kommentar|coment|tag someone|tell us)/i.test(lines[lines.length - 1]!)) return "ask";
  return "facts";
}

/** The hook family of a post's first line: a question, a number, a how-to, a bold claim (ends in "!") or a plain statement. */
export function hookFamily(firstLine: string): HookFamily {
  const line = firstLine.trim();
  if (/\?\s*$/.test(line) || /^(why|what|how come|did you|do you|are you|is your|ever)\b/i.test(line)) return "question";
  if (/^(how to|here'?s how|\d+ ways?|step)/i.test(line)) return "how_to";
  if (/^\W*\d/.test(line)) return "number";
  if (/!\s*$/.test(line)) return "bold_claim";
  return "statement";
}
