import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { isIP } from "node:net";
import { stripControlChars } from "../lib/control-chars";
import { parseAllowedHours } from "../learning/guardrails";
import { isMetadataAddress, privateAddressReason } from "../net/address";
import { FetchProblem, parseUserUrl } from "../net/safe-fetch";
import type { WebappFields } from "./store";

/** What a person or program may send for a web app; every field optional (the URL is required when adding). */
export interface WebappInput {
  url?: string;
  name?: string;
  /** How the voiceover pronounces the name (empty: as written). */
  sayNameAs?: string;
  description?: string;
  ogImageUrl?: string;
  faviconUrl?: string;
  themeColor?: string;
  audience?: string;
  voice?: string;
  keywords?: string[];
  callToAction?: string;
  brandColors?: string[];
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  platforms?: string[];
  feeds?: string[];
  active?: boolean;
  /** LinkedIn posts put their link in the first comment instead of the text. */
  linkedinLinkInComment?: boolean;
  /** "HH:MM-HH:MM" in the owner's zone (empty: any time); learned posting slots stay inside. */
  allowedHours?: string;
}

/** A rule a field broke: the field's name (as in forms and the API) and a sentence for the person. */
export interface FieldProblem {
  field: string;
  message: string;
}

const TEXT_LIMITS: [keyof WebappInput, number, string][] = [
  ["name", 100, "Name"],
  ["sayNameAs", 100, "Say the name as"],
  ["description", 2000, "Description"],
  ["audience", 1000, "Audience"],
  ["voice", 1000, "Voice and tone"],
  ["callToAction", 200, "Call to action"],
];

const UTM = /^[A-Za-z0-9_.+\-{}]*$/;
const CSS_COLOR = /^(#[0-9a-f]{3,8}|(rgba?|hsla?|oklch|oklab|lab|lch|hwb|color)\([^()]{1,80}\)|[a-z]{3,30})$/i;

/** Strips control and bidi characters, trims strings and tidies lists (blank entries dropped, duplicates removed, colours lower-cased). */
export function normalizeInput(input: WebappInput): WebappInput {
  const out: WebappInput = {};
  for (const [k, v] of Object.entries(input) as [keyof WebappInput, unknown][]) {
    if (v === undefined) continue;
    if (typeof v === "string") (out as Record<string, unknown>)[k] = stripControlChars(v).trim();
    else if (Array.isArray(v))
      (out as Record<string, unknown>)[k] = [...new Set(v.map((s) => stripControlChars(String(s)).trim()).filter(Boolean))];
    else (out as Record<string, unknown>)[k] = v;
  }
  if (out.brandColors) out.brandColors = [...new Set(out.brandColors.map((c) => c.toLowerCase()))];
  if (out.platforms) out.platforms = out.platforms.map((p) => p.toLowerCase());
  return out;
}

/** True for an absolute http(s) URL. */
export function isWebUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * Why an image address may not be saved, or undefined: the owner's browser loads it on our pages, so it must be
 * https on a public host (not localhost, nor a private, loopback, link-local or metadata address written as an IP).
 */
export function browserImageProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "must be a full https:// address, or left empty.";
  }
  if (url.length > 2000 || u.protocol !== "https:" || !u.hostname || u.username || u.password)
    return "must be a full https:// address, or left empty.";
  const host = u.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  const reason = isIP(host) ? (isMetadataAddress(host) ? "the cloud metadata address" : privateAddressReason(host)) : undefined;
  if (reason) return `points to ${reason} (${host}); use an image on the public web, or leave it empty.`;
  if (host === "localhost" || host.endsWith(".localhost") || !host.includes("."))
    return `points to ${host}, which is not a public web address; use an image on the public web, or leave it empty.`;
  return undefined;
}

function urlProblem(url: string): string | undefined {
  if (url.length > 2000) return "The address is longer than 2000 characters; enter the site's landing page address.";
  try {
    parseUserUrl(url);
    return undefined;
  } catch (e) {
    if (e instanceof FetchProblem) return e.message;
    throw e;
  }
}

/** Checks the business rules for the fields present in `input` (already normalised); the first problem or undefined. */
export function validateWebapp(input: WebappInput): FieldProblem | undefined {
  if (input.url !== undefined) {
    const problem = urlProblem(input.url);
    if (problem) return { field: "url", message: problem };
  }
  if (input.name !== undefined && input.name === "")
    return { field: "name", message: "Give the web app a name; it is how posts will refer to it." };
  for (const [field, max, label] of TEXT_LIMITS) {
    const v = input[field];
    if (typeof v === "string" && v.length > max)
      return { field, message: `${label} is ${v.length} characters long; keep it under ${max}.` };
  }
  for (const field of ["ogImageUrl", "faviconUrl"] as const) {
    const v = input[field];
    const problem = v ? browserImageProblem(v) : undefined;
    if (problem) return { field, message: `${field === "ogImageUrl" ? "The share image" : "The icon"} ${problem}` };
  }
  if (input.themeColor && (input.themeColor.length > 100 || !CSS_COLOR.test(input.themeColor))) {
    return { field: "themeColor", message: `"${input.themeColor.slice(0, 40)}" is not a colour; use a value like #0f766e.` };
  }
  if (input.allowedHours !== undefined && parseAllowedHours(input.allowedHours) === undefined)
    return {
      field: "allowedHours",
      message: `"${input.allowedHours.slice(0, 20)}" is not a span of hours; write it like 08:00-21:30, or leave it empty for any time.`,
    };
  return validateLists(input) ?? validateUtm(input);
}

function validateLists(input: WebappInput): FieldProblem | undefined {
  if (input.keywords && input.keywords.length > 30)
    return { field: "keywords", message: `There are ${input.keywords.length} keywords; keep it to 30 at most.` };
  const longKeyword = input.keywords?.find((k) => k.length > 60);
  if (longKeyword)
    return { field: "keywords", message: `The keyword "${longKeyword.slice(0, 30)}..." is too long; keep each under 60 characters.` };
  if (input.brandColors && input.brandColors.length > 8) return { field: "brandColors", message: "Keep it to 8 brand colours at most." };
  const badColor = input.brandColors?.find((c) => !/^#[0-9a-f]{6}$/.test(c));
  if (badColor)
    return {
      field: "brandColors",
      message: `"${badColor.slice(0, 20)}" is not a brand colour; use the form #rrggbb, for example #4f46e5.`,
    };
  const badPlatform = input.platforms?.find((p) => !(PLATFORM_IDS as readonly string[]).includes(p));
  if (badPlatform)
    return {
      field: "platforms",
      message: `"${badPlatform.slice(0, 20)}" is not a platform we post to; choose from ${PLATFORM_IDS.join(", ")}.`,
    };
  if (input.feeds && input.feeds.length > 20) return { field: "feeds", message: "Keep it to 20 feeds at most." };
  const badFeed = input.feeds?.find((f) => !isWebUrl(f) || f.length > 2000);
  if (badFeed)
    return { field: "feeds", message: `"${badFeed.slice(0, 60)}" is not a feed address; enter one full https:// address per line.` };
  return undefined;
}

function validateUtm(input: WebappInput): FieldProblem | undefined {
  for (const [field, label] of [
    ["utmSource", "UTM source"],
    ["utmMedium", "UTM medium"],
    ["utmCampaign", "UTM campaign"],
  ] as const) {
    const v = input[field];
    if (v === undefined) continue;
    if (v.length > 100) return { field, message: `${label} is too long; keep it under 100 characters.` };
    if (!UTM.test(v)) return { field, message: `${label} may only use letters, digits, - _ . + and the placeholder {platform}.` };
  }
  return undefined;
}

/** The stored fields for the input's present keys (lists and flags typed for the table). */
export function toFields(input: WebappInput): Partial<WebappFields> {
  const { platforms, ...rest } = input;
  return { ...rest, ...(platforms ? { platforms: platforms as PlatformId[] } : {}) };
}
