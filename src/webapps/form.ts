import type { WebappRow } from "./store";
import type { WebappInput } from "./validate";

/** What the web-app form shows: every field as typed, so a refused form comes back unchanged. */
export interface WebappFormValues {
  url: string;
  name: string;
  sayNameAs: string;
  description: string;
  ogImageUrl: string;
  faviconUrl: string;
  themeColor: string;
  audience: string;
  voice: string;
  keywords: string;
  callToAction: string;
  allowedHours: string;
  brandColors: string[];
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  platforms: string[];
  feeds: string;
  active: boolean;
  linkedinLinkInComment: boolean;
  logoPath: string;
}

/** The form's starting values for a new web app. */
export const EMPTY_FORM: WebappFormValues = {
  url: "",
  name: "",
  sayNameAs: "",
  description: "",
  ogImageUrl: "",
  faviconUrl: "",
  themeColor: "",
  audience: "",
  voice: "",
  keywords: "",
  callToAction: "",
  allowedHours: "",
  brandColors: [],
  utmSource: "{platform}",
  utmMedium: "social",
  utmCampaign: "amarktai",
  platforms: [],
  feeds: "",
  active: true,
  linkedinLinkInComment: false,
  logoPath: "",
};

type Body = Record<string, unknown>;

function str(body: Body, key: string): string {
  const v = body[key];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : "";
  return typeof v === "string" ? v : "";
}

function strs(body: Body, key: string): string[] {
  const v = body[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === "string");
}

// Colour inputs always hold a value, so each brand-colour slot has a checkbox saying whether it is used.
function brandColors(body: Body): string[] {
  return strs(body, "brandColorOn")
    .map((i) => str(body, `brandColor_${i}`))
    .filter(Boolean);
}

/** Reads a submitted web-app form (urlencoded or multipart) into the values to show again. */
export function readForm(body: unknown): WebappFormValues {
  const b = (body && typeof body === "object" ? body : {}) as Body;
  const text = (k: keyof WebappFormValues) => str(b, k);
  return {
    url: text("url"),
    name: text("name"),
    sayNameAs: text("sayNameAs"),
    description: text("description"),
    ogImageUrl: text("ogImageUrl"),
    faviconUrl: text("faviconUrl"),
    themeColor: text("themeColor"),
    audience: text("audience"),
    voice: text("voice"),
    keywords: text("keywords"),
    callToAction: text("callToAction"),
    allowedHours: text("allowedHours"),
    brandColors: brandColors(b),
    utmSource: text("utmSource"),
    utmMedium: text("utmMedium"),
    utmCampaign: text("utmCampaign"),
    platforms: strs(b, "platforms"),
    feeds: text("feeds"),
    active: str(b, "active") === "1",
    linkedinLinkInComment: str(b, "linkedinLinkInComment") === "1",
    logoPath: "",
  };
}

/** The uploaded logo file, if one was chosen. */
export function uploadedLogo(body: unknown): File | undefined {
  const v = (body as Body | undefined)?.logo;
  return v instanceof File && v.size > 0 ? v : undefined;
}

/** True when the edit form asks to remove the current logo. */
export function wantsLogoRemoved(body: unknown): boolean {
  return str((body ?? {}) as Body, "removeLogo") === "1";
}

/** Turns form values into the input the add/edit logic takes (keywords comma separated, feeds one per line). */
export function formToInput(v: WebappFormValues): WebappInput {
  return {
    url: v.url,
    name: v.name,
    sayNameAs: v.sayNameAs,
    description: v.description,
    ogImageUrl: v.ogImageUrl,
    faviconUrl: v.faviconUrl,
    themeColor: v.themeColor,
    audience: v.audience,
    voice: v.voice,
    keywords: v.keywords.split(/[,\n]/),
    callToAction: v.callToAction,
    allowedHours: v.allowedHours,
    brandColors: v.brandColors,
    utmSource: v.utmSource,
    utmMedium: v.utmMedium,
    utmCampaign: v.utmCampaign,
    platforms: v.platforms,
    feeds: v.feeds.split(/\r?\n/),
    active: v.active,
    linkedinLinkInComment: v.linkedinLinkInComment,
  };
}

/** The form values of a stored web app. */
export function rowToForm(w: WebappRow): WebappFormValues {
  return {
    url: w.url,
    name: w.name,
    sayNameAs: w.sayNameAs,
    description: w.description,
    ogImageUrl: w.ogImageUrl,
    faviconUrl: w.faviconUrl,
    themeColor: w.themeColor,
    audience: w.audience,
    voice: w.voice,
    keywords: w.keywords.join(", "),
    callToAction: w.callToAction,
    allowedHours: w.allowedHours,
    brandColors: w.brandColors,
    utmSource: w.utmSource,
    utmMedium: w.utmMedium,
    utmCampaign: w.utmCampaign,
    platforms: w.platforms,
    feeds: w.feeds.join("\n"),
    active: w.active,
    linkedinLinkInComment: w.linkedinLinkInComment,
    logoPath: w.logoPath,
  };
}
