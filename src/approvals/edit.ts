import type { ContentItem, CopyFields } from "../content/store";
import type { PlatformId } from "../platforms/ids";
import { stripControlChars } from "../lib/control-chars";
import { checkPost, PLATFORM_RULES } from "../platforms/rules";
import { fromDatetimeLocal } from "../lib/zoned-time";
import { readSlides, slideProblems, type Slide } from "../platforms/carousel";
import { validateThreadEdit } from "./edit-thread";

/** The raw fields of the inline edit form (or the API's PATCH body). */
export interface EditInput {
  caption?: string;
  hashtags?: string | string[];
  title?: string;
  /** "YYYY-MM-DDTHH:MM" in the user's timezone, or an ISO instant from the API. */
  plannedAt?: string;
  /** A carousel's slide texts in order (an emptied slide is removed); the first is the cover, the last the call to action. */
  slides?: string[];
  /** A thread's posts in order (thread items only). */
  thread?: string[];
  /** The first comment (Instagram, LinkedIn). */
  firstComment?: string;
}

/** Splits "#a, b #c" or a list into clean hashtags without "#". */
export function parseHashtags(raw: string | string[]): string[] {
  const parts = Array.isArray(raw) ? raw : raw.split(/[\s,]+/);
  return [...new Set(parts.map((p) => p.trim().replace(/^#+/, "")).filter(Boolean))];
}

function parsePlanned(raw: string, timezone: string): Date | undefined {
  if (/[zZ]|[+-]\d{2}:\d{2}$/.test(raw)) {
    const d = new Date(raw);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return fromDatetimeLocal(raw, timezone);
}

/**
 * Checks an edit against the platform's limits: either the fields to save (and which changed), or
 * the problems in sentences a person can act on. Missing input fields keep the item's values.
 */
export function validateEdit(
  platform: PlatformId,
  item: ContentItem,
  input: EditInput,
  timezone: string,
  now: Date,
): { fields: CopyFields; changed: string[] } | { problems: string[] } {
  if (!PLATFORM_RULES[platform]) return { problems: [`Unknown platform "${platform}" on this item; it cannot be edited here.`] };
  const caption = input.caption !== undefined ? stripControlChars(input.caption.replace(/\r\n/g, "\n")).trim() : item.caption;
  const hashtags =
    input.hashtags !== undefined
      ? parseHashtags(typeof input.hashtags === "string" ? stripControlChars(input.hashtags) : input.hashtags.map(stripControlChars))
      : item.hashtags;
  const title = input.title !== undefined ? stripControlChars(input.title).trim() : item.title;
  const problems: string[] = [];
  // A thread is checked post by post (its caption is the posts joined); its first comment by the platform's length.
  const extra = validateThreadEdit(item, input, hashtags, caption);
  if ("problems" in extra) problems.push(...extra.problems);
  const threaded = item.threadPosts.length > 0;
  if (caption === "" && !threaded) problems.push("The caption is empty; write at least a sentence.");
  const usesTitle = PLATFORM_RULES[platform].titleMax !== undefined;
  if (!threaded) problems.push(...checkPost(platform, { caption, hashtags, title: usesTitle ? title : undefined }));
  let plannedAt = item.plannedAt;
  if (input.plannedAt !== undefined && input.plannedAt.trim() !== "") {
    const parsed = parsePlanned(input.plannedAt, timezone);
    if (!parsed) problems.push(`The planned time "${input.plannedAt}" is not a date and time; use the picker or YYYY-MM-DDTHH:MM.`);
    else if (parsed.getTime() < now.getTime()) problems.push("The planned time is in the past; pick a later time.");
    else plannedAt = parsed;
  }
  const slides = input.slides !== undefined && item.format === "carousel" ? editedSlides(input.slides) : undefined;
  if (slides) problems.push(...slideProblems(platform, slides, PLATFORM_RULES[platform].label));
  if (problems.length > 0) return { problems };
  const more = "fields" in extra ? extra : { fields: {}, changed: [] };
  const changed: string[] = [...more.changed];
  const oldSlides = readSlides(item.script);
  if (slides && JSON.stringify(slides) !== JSON.stringify(oldSlides)) changed.push("slides");
  if (!threaded && caption !== item.caption) changed.push("caption");
  if (hashtags.join(" ") !== item.hashtags.join(" ")) changed.push("hashtags");
  if (title !== item.title) changed.push("title");
  if ((plannedAt?.getTime() ?? null) !== (item.plannedAt?.getTime() ?? null)) changed.push("planned time");
  return {
    fields: { caption, hashtags, title, plannedAt, ...more.fields, ...(changed.includes("slides") ? { script: { slides } } : {}) },
    changed,
  };
}

/** A carousel's slides from edited texts: blank ones dropped, the first the cover, the last the call to action. */
export function editedSlides(texts: string[]): Slide[] {
  const kept = texts.map((t) => stripControlChars(t.replace(/\r\n/g, "\n")).trim()).filter(Boolean);
  return kept.map((text, i) => ({ kind: i === 0 ? "cover" : i === kept.length - 1 ? "cta" : "fact", text }));
}
