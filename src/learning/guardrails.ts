import type { PlatformId } from "../platforms/ids";

/** The least time between two posts of one app on one platform, with why (docs/optimizer.md "Guardrails"). */
export const MIN_GAP: Record<PlatformId, { minutes: number; why: string }> = {
  x: { minutes: 60, why: "X's timeline moves in minutes; an hour apart keeps two posts from competing for the same scroll" },
  instagram: { minutes: 180, why: "Instagram's feed shows a post for hours; closer posts split the same followers' attention" },
  facebook: { minutes: 180, why: "a Page's posts reach followers over hours; closer posts lower each other's reach" },
  tiktok: { minutes: 180, why: "TikTok tests each video on a first audience for a few hours; overlapping tests dilute both" },
  linkedin: { minutes: 240, why: "LinkedIn keeps a post in feeds for a day or more; two within four hours halve each other" },
  youtube: { minutes: 240, why: "a Short gathers its first views over hours; a second one soon after splits them" },
};

/** The most posts of one app on one platform in one local day (beyond these followers tire and reach per post falls). */
export const DAILY_CAP: Record<PlatformId, number> = { x: 5, instagram: 2, facebook: 2, tiktok: 3, linkedin: 2, youtube: 2 };

/** A web app's allowed posting hours in its own zone: minutes since midnight, `to` exclusive; from > to spans midnight. */
export interface AllowedHours {
  from: number;
  to: number;
}

/** Reads "HH:MM-HH:MM" (empty = any time); undefined with nothing else when malformed, so the form can say so. */
export function parseAllowedHours(raw: string): AllowedHours | null | undefined {
  const text = raw.trim();
  if (text === "") return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = Math.min(24 * 60, Number(m[3]) * 60 + Number(m[4]));
  return from === to ? undefined : { from, to };
}

/** Whether a local minute of the day falls inside the allowed hours (always, when none are set). */
export function isAllowedMinute(hours: AllowedHours | null, minute: number): boolean {
  if (!hours) return true;
  return hours.from < hours.to ? minute >= hours.from && minute < hours.to : minute >= hours.from || minute < hours.to;
}

/** Whether an instant keeps the platform's gap to every other post of the app there. */
export function keepsGap(platform: PlatformId, at: Date, others: Date[]): boolean {
  const gap = MIN_GAP[platform].minutes * 60_000;
  return others.every((o) => Math.abs(o.getTime() - at.getTime()) >= gap);
}
