// The creative arms the learner tells apart, read from a post's own text so our posts and imported ones are classed alike.

/** Arm dimensions and their values. */
export const ARM_VALUES = {
  hook: ["question", "number", "how_to", "bold_claim", "statement"],
  format: ["video", "image", "text", "thread", "carousel"],
  length: ["short", "medium", "long"],
  hashtags: ["none", "few", "many"],
  cta: ["with_cta", "no_cta"],
} as const;

/** One arm dimension. */
export type ArmDimension = keyof typeof ARM_VALUES;
/** The arms of one post, one value per dimension. */
export type Arms = { [D in ArmDimension]: (typeof ARM_VALUES)[D][number] };
/** Every dimension, in the order insights list them. */
export const ARM_DIMENSIONS = Object.keys(ARM_VALUES) as ArmDimension[];

/** What each dimension means, for insights and the docs. */
export const ARM_LABELS: Record<ArmDimension, string> = {
  hook: "opening line",
  format: "format",
  length: "caption length",
  hashtags: "hashtag count",
  cta: "call to action",
};

const CTA = /\b(try|start|sign up|get|join|download|book|learn more|visit|read more|link in bio|free trial)\b/i;

/** The hook family of a post's first line: a question, a number, a how-to, a bold claim (ends in "!") or a plain statement. */
export function hookFamily(firstLine: string): Arms["hook"] {
  const line = firstLine.trim();
  if (/\?\s*$/.test(line) || /^(why|what|how come|did you|do you|are you|is your|ever)\b/i.test(line)) return "question";
  if (/^(how to|here'?s how|\d+ ways?|step)/i.test(line)) return "how_to";
  if (/^\W*\d/.test(line)) return "number";
  if (/!\s*$/.test(line)) return "bold_claim";
  return "statement";
}

/** The caption length band: short under 100 characters, long over 300. */
export function lengthBand(caption: string): Arms["length"] {
  const n = [...caption].length;
  return n < 100 ? "short" : n > 300 ? "long" : "medium";
}

/** The arms of a post from its caption (hook = its first non-empty line), hashtags, format and whether it links or asks. */
export function armsOf(post: { caption: string; hashtags: string[]; format: Arms["format"]; hook?: string; hasLink?: boolean }): Arms {
  const first = post.hook ?? post.caption.split("\n").find((l) => l.trim() !== "") ?? "";
  const n = post.hashtags.length;
  return {
    hook: hookFamily(first),
    format: post.format,
    length: lengthBand(post.caption),
    hashtags: n === 0 ? "none" : n <= 3 ? "few" : "many",
    cta: post.hasLink || CTA.test(post.caption) ? "with_cta" : "no_cta",
  };
}

/** Reads a stored arms value back, or undefined when it is missing or malformed (older items). */
export function parseArms(raw: unknown): Arms | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  for (const d of ARM_DIMENSIONS) if (!(ARM_VALUES[d] as readonly unknown[]).includes(r[d])) return undefined;
  return r as Arms;
}
