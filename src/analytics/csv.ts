// The posts table as CSV (RFC 4180): one row per post, one column per metric, ISO 8601 times in UTC, a header row first.
import { PLATFORM_RULES } from "../platforms/rules";
import type { PostRow } from "./query";

/** The CSV's columns, in order: the header names and how each post's cell is read. */
export const CSV_COLUMNS: { name: string; cell: (p: PostRow) => string | number | null }[] = [
  { name: "item_id", cell: (p) => p.itemId },
  { name: "published_at", cell: (p) => p.publishedAt.toISOString() },
  { name: "web_app", cell: (p) => p.webappName },
  { name: "platform", cell: (p) => PLATFORM_RULES[p.platform]?.label ?? p.platform },
  { name: "caption", cell: (p) => p.caption },
  { name: "views", cell: (p) => p.views },
  { name: "likes", cell: (p) => p.likes },
  { name: "comments", cell: (p) => p.comments },
  { name: "shares", cell: (p) => p.shares },
  { name: "saves", cell: (p) => p.saves },
  { name: "clicks", cell: (p) => p.clicks },
  { name: "engagement_rate", cell: (p) => (p.engagementRate === null ? null : Number(p.engagementRate.toFixed(6))) },
  { name: "numbers_read_at", cell: (p) => p.lastReadAt?.toISOString() ?? null },
  { name: "removed", cell: (p) => (p.removed ? "yes" : "no") },
  { name: "url", cell: (p) => p.url },
];

/**
 * One CSV cell: empty for an unknown figure; quoted when it holds a comma, quote or line break; text a spreadsheet would read as a
 * formula (starting with = + - @, tab or carriage return) gets a leading apostrophe. Numbers are written as they are.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The posts as a CSV document (CRLF line ends, no byte-order mark). */
export function postsCsv(posts: PostRow[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.name).join(",")];
  for (const p of posts) lines.push(CSV_COLUMNS.map((c) => csvCell(c.cell(p))).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** The file name of a period's export: amarktai-posts-<from>-to-<to>.csv (local dates). */
export function csvFileName(fromDate: string, toDate: string): string {
  return `amarktai-posts-${fromDate}-to-${toDate}.csv`;
}
