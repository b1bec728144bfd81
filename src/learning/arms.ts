// The creative arms the learner tells apart, read from a post's own text so our posts and imported ones are classed alike.
import {
  BODY_STRUCTURES,
  type BodyStructure,
  HASHTAG_RANGE,
  HOOK_FAMILIES,
  type HashtagBand,
  type HookFamily,
  type LengthBand,
  bodyStructure,
  hookFamily,
  lengthBand,
} from "../agents/creative/arm-words";
import { FORMAT_TABLE, type PostFormat } from "../agents/creative/formats";

/** The opening family, body structure and caption length band of a text (defined with the writer's vocabulary; re-exported for the learner's callers). */
export { bodyStructure, hookFamily, lengthBand };

/** The arms of one post, one value per dimension. */
export type Arms = {
  hook: HookFamily;
  structure: BodyStructure;
  format: PostFormat;
  length: LengthBand;
  hashtags: HashtagBand;
  cta: "with_cta" | "no_cta";
};
/** One arm dimension. */
export type ArmDimension = keyof Arms;

/** Every format some platform takes, read from the creative agent's format table (a new format there becomes an arm value). */
function tableFormats(): PostFormat[] {
  return [...new Set(Object.values(FORMAT_TABLE).flatMap((choices) => choices.map((c) => c.format)))];
}

/** Arm dimensions and their values. */
export const ARM_VALUES: { readonly [D in ArmDimension]: readonly Arms[D][] } = {
  hook: HOOK_FAMILIES,
  structure: BODY_STRUCTURES,
  format: tableFormats(),
  length: ["short", "medium", "long"],
  hashtags: ["none", "few", "many"],
  cta: ["with_cta", "no_cta"],
};

/** Every dimension, in the order insights list them. */
export const ARM_DIMENSIONS: ArmDimension[] = ["hook", "structure", "format", "length", "hashtags", "cta"];

/** What each dimension means, for insights and the docs. */
export const ARM_LABELS: Record<ArmDimension, string> = {
  hook: "opening line",
  structure: "body structure",
  format: "format",
  length: "caption length",
  hashtags: "hashtag count",
  cta: "call to action",
};

const CTA = /\b(try|start|sign up|get|join|download|book|learn more|visit|read more|link in bio|free trial)\b/i;
const LINK = /https?:\/\/|\b[\w-]+\.(com|io|app|org|net|dev|co)\b/i;

/** A caption's body when only the whole text is known: its paragraphs after the first, less a closing one that links or asks to act. */
export function bodyOfCaption(caption: string): string {
  const paragraphs = caption
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const rest = paragraphs.slice(1);
  if (rest.length > 0 && (LINK.test(rest[rest.length - 1]!) || CTA.test(rest[rest.length - 1]!))) rest.pop();
  return rest.join("\n\n");
}

/** The hashtag count band of a number of tags. */
export function hashtagBand(count: number): Arms["hashtags"] {
  return count === 0 ? "none" : count <= HASHTAG_RANGE.few[1] ? "few" : "many";
}

/**
 * The arms of a post from its caption (hook = its first non-empty line; body = `body` when the writer's parts are known,
 * else read from the caption), hashtags, format and whether it links or asks.
 */
export function armsOf(post: {
  caption: string;
  hashtags: string[];
  format: PostFormat;
  hook?: string;
  body?: string;
  hasLink?: boolean;
}): Arms {
  const first = post.hook ?? post.caption.split("\n").find((l) => l.trim() !== "") ?? "";
  return {
    hook: hookFamily(first),
    structure: bodyStructure(post.body ?? bodyOfCaption(post.caption)),
    format: post.format,
    length: lengthBand(post.caption),
    hashtags: hashtagBand(post.hashtags.length),
    cta: post.hasLink || CTA.test(post.caption) ? "with_cta" : "no_cta",
  };
}

/** Reads a stored arms value back, or undefined when it is missing or malformed (older items are classed from their text instead). */
export function parseArms(raw: unknown): Arms | undefined {
  const arms = parsePartialArms(raw);
  return arms && ARM_DIMENSIONS.every((d) => arms[d] !== undefined) ? (arms as Arms) : undefined;
}

/** The valid dimensions of a stored arms value (a rejection stored before a dimension existed still counts on the others). */
export function parsePartialArms(raw: unknown): Partial<Arms> | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const r = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const d of ARM_DIMENSIONS) if ((ARM_VALUES[d] as readonly unknown[]).includes(r[d])) out[d] = r[d];
  return Object.keys(out).length > 0 ? (out as Partial<Arms>) : undefined;
}
