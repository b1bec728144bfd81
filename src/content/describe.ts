// How an item reads in one line, in digests, Telegram and the one-tap confirm page. Pure.
import { formatLocal } from "../lib/format";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import type { ContentItem } from "./types";

/** The platform's label for an item ("X", "YouTube Shorts", ...). */
export function platformLabel(platform: string): string {
  return PLATFORM_RULES[platform as PlatformId]?.label ?? platform;
}

/** One line describing an item: platform, planned time, first words of the caption. */
export function itemLine(item: ContentItem, timezone: string): string {
  const when = item.plannedAt ? formatLocal(item.plannedAt, timezone) : "time not planned";
  const words = (item.title || item.caption).replace(/\s+/g, " ").trim();
  return `${platformLabel(item.platform)} · ${when} · ${words.length > 80 ? words.slice(0, 79) + "…" : words}`;
}
