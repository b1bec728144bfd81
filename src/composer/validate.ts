import { COMPOSER_MAX_IMAGES } from "../model/composer-limits";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { checkPost, PLATFORM_RULES } from "../platforms/rules";
import { fromDatetimeLocal } from "../lib/zoned-time";

/** What a person (form) or a script (API) sends to write a post, before any check. */
export interface ComposeInput {
  webappId: number;
  platforms: string[];
  title: string;
  caption: string;
  hashtags: string[];
  linkUrl: string;
  /** ISO 8601 with an offset, or "YYYY-MM-DDTHH:MM" in the user's time zone; empty: in an hour. */
  plannedAt: string;
}

/** One stored image of a post, in the order the person gave. */
export interface ComposeImage {
  path: string;
  width: number;
  height: number;
}

/** The post's media once it is stored or picked: what the platforms' media rules are checked against. */
export type ComposeMedia =
  | { kind: "none" }
  | { kind: "image"; images: ComposeImage[] }
  | { kind: "video"; path: string; seconds: number; bytes: number };

/** Sentences per input field ("platforms", "caption", "hashtags", "title", "plannedAt", "media", ...). */
export type FieldProblems = Record<string, string[]>;

/** A post that passed every check: the platforms and the planned instant. */
export interface CheckedPost {
  platforms: PlatformId[];
  plannedAt: Date;
}

/** The most images one post keeps, in order (defined with the other pure limits views read). */
export { COMPOSER_MAX_IMAGES };

// A planned time this far in the past is taken as a slow form, not a mistake.
const PAST_SLACK_MS = 5 * 60_000;
const DEFAULT_DELAY_MS = 60 * 60_000;

/** Splits hashtags written with spaces, commas or leading '#', dropping repeats. */
export function parseHashtags(raw: string | string[]): string[] {
  const parts = Array.isArray(raw) ? raw : raw.split(/[\s,]+/);
  return [...new Set(parts.map((p) => p.trim().replace(/^#+/, "")).filter(Boolean))];
}

/** The caption as publishing sends it: the link on its own line unless the text already holds it. */
export function publishedCaption(caption: string, linkUrl: string): string {
  return linkUrl && !caption.includes(linkUrl) ? `${caption.trim()}\n${linkUrl}` : caption;
}

function add(problems: FieldProblems, field: string, sentence: string): void {
  (problems[field] ??= []).push(sentence);
}

/** The planned instant, or a sentence saying why it cannot be used. */
export function plannedInstant(raw: string, timezone: string, now: Date): Date | string {
  const value = raw.trim();
  if (value === "") return new Date(now.getTime() + DEFAULT_DELAY_MS);
  const at = /[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? new Date(value) : fromDatetimeLocal(value, timezone);
  if (!at || Number.isNaN(at.getTime())) return `"${value}" is not a date and time; use YYYY-MM-DDTHH:MM.`;
  if (at.getTime() < now.getTime() - PAST_SLACK_MS) return "The planned time has passed; choose a time from now on.";
  return at;
}

function mediaProblems(id: PlatformId, media: ComposeMedia): string[] {
  const r = PLATFORM_RULES[id];
  if (media.kind === "none") {
    if (id === "youtube" || id === "tiktok") return [`${r.label} posts need a video: upload one or pick a generated video.`];
    if (id === "instagram") return [`${r.label} posts need an image or a video: upload one or pick generated media.`];
    return [];
  }
  if (media.kind === "image") return id === "youtube" || id === "tiktok" ? [`${r.label} takes videos only; this post has an image.`] : [];
  // (the image count is checked once for the post, in checkCompose)
  const out: string[] = [];
  if (media.seconds < r.videoMinSeconds || media.seconds > r.videoMaxSeconds)
    out.push(`${r.label} accepts videos of ${r.videoMinSeconds}-${r.videoMaxSeconds} s; this one is ${media.seconds.toFixed(1)} s.`);
  if (media.bytes > r.videoMaxBytes)
    out.push(
      `${r.label} accepts videos up to ${(r.videoMaxBytes / 1024 ** 2).toFixed(0)} MB; this one is ${(media.bytes / 1024 ** 2).toFixed(0)} MB.`,
    );
  return out;
}

/**
 * Checks a post against every chosen platform's live rules (caption length with the count, hashtags, title, media)
 * and the planned time: the post that may be saved, or sentences per field. The same rules the page counts with.
 */
export function checkCompose(
  input: ComposeInput,
  media: ComposeMedia,
  timezone: string,
  now: Date,
): { ok: true; post: CheckedPost } | { ok: false; problems: FieldProblems } {
  const problems: FieldProblems = {};
  const platforms = [...new Set(input.platforms)];
  const unknown = platforms.filter((p) => !(PLATFORM_IDS as readonly string[]).includes(p));
  if (unknown.length > 0) add(problems, "platforms", `Unknown platform(s): ${unknown.join(", ")}. Choose from ${PLATFORM_IDS.join(", ")}.`);
  if (platforms.length === 0) add(problems, "platforms", "Choose at least one platform.");
  if (input.caption.trim() === "") add(problems, "caption", "Write the post's text.");
  for (const id of platforms.filter((p): p is PlatformId => (PLATFORM_IDS as readonly string[]).includes(p))) {
    for (const sentence of checkPost(id, { ...input, caption: publishedCaption(input.caption, input.linkUrl) })) {
      const field = sentence.includes("hashtag") ? "hashtags" : sentence.includes("title") ? "title" : "caption";
      add(problems, field, sentence);
    }
    for (const sentence of mediaProblems(id, media)) add(problems, "media", sentence);
  }
  if (media.kind === "image" && media.images.length > COMPOSER_MAX_IMAGES)
    add(problems, "media", `A post keeps up to ${COMPOSER_MAX_IMAGES} images; this one has ${media.images.length}. Remove some.`);
  if (input.linkUrl && !/^https?:\/\/\S+$/.test(input.linkUrl)) add(problems, "linkUrl", "The link must start with http:// or https://.");
  const plannedAt = plannedInstant(input.plannedAt, timezone, now);
  if (typeof plannedAt === "string") add(problems, "plannedAt", plannedAt);
  if (Object.keys(problems).length > 0 || typeof plannedAt === "string") return { ok: false, problems };
  return { ok: true, post: { platforms: platforms as PlatformId[], plannedAt } };
}
