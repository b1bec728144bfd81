import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";

/** One imported row, checked: counters are whole numbers or null when the file left them out. */
export interface HistoryInputRow {
  platform: PlatformId;
  postedAt: Date;
  text: string;
  impressions: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  clicks: number | null;
}

/** A refused row: its line in the file (for JSON, its position in the list) and why. */
export interface RowProblem {
  line: number;
  reason: string;
}

/** The most rows one file may hold. */
export const MAX_HISTORY_ROWS = 20_000;
const COUNTERS = ["impressions", "views", "likes", "comments", "shares", "clicks"] as const;
const ALIASES: Record<string, PlatformId> = { twitter: "x", "youtube shorts": "youtube", "facebook page": "facebook" };
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Splits CSV text into records with the line each starts on (RFC 4180: quoted fields may hold commas, quotes, newlines). */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      any = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (any || field !== "") out.push({ line: start, fields });
      fields = [];
      field = "";
      any = false;
      line++;
      start = line;
    } else {
      field += ch;
      any = true;
    }
  }
  fields.push(field);
  if (any || field !== "") out.push({ line: start, fields });
  return out;
}

function counter(raw: unknown, name: string, problems: string[]): number | null {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return null;
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  if (!/^\d{1,12}$/.test(text)) {
    problems.push(`${name} must be a whole number of 0 or more (got "${String(raw).slice(0, 30)}")`);
    return null;
  }
  return Number(text);
}

/** Checks one row's fields; the reasons it is refused, or the row. */
export function checkRow(raw: Record<string, unknown>, now: Date): HistoryInputRow | { problems: string[] } {
  const problems: string[] = [];
  const name = String(raw.platform ?? "")
    .trim()
    .toLowerCase();
  const platform = ALIASES[name] ?? ((PLATFORM_IDS as readonly string[]).includes(name) ? (name as PlatformId) : undefined);
  if (!platform) problems.push(`platform "${name.slice(0, 30)}" is not one of ${PLATFORM_IDS.join(", ")}`);
  const when = String(raw.posted_at ?? "").trim();
  const postedAt = ISO_WITH_OFFSET.test(when) ? new Date(when) : undefined;
  if (!postedAt || Number.isNaN(postedAt.getTime()))
    problems.push(`posted_at "${when.slice(0, 40)}" is not an ISO 8601 time with its offset, e.g. 2026-03-02T14:20:00+01:00`);
  else if (postedAt.getTime() > now.getTime()) problems.push(`posted_at ${when} is in the future`);
  const c = Object.fromEntries(COUNTERS.map((k) => [k, counter(raw[k], k, problems)])) as Record<(typeof COUNTERS)[number], number | null>;
  if (c.views === null && c.impressions === null && !problems.some((p) => p.startsWith("views") || p.startsWith("impressions")))
    problems.push("views or impressions is needed: without one the learner cannot tell how many people saw the post");
  const text = typeof raw.text === "string" ? raw.text : raw.text === undefined || raw.text === null ? "" : String(raw.text);
  if (text.length > 10_000) problems.push("text is longer than 10,000 characters");
  if (problems.length > 0) return { problems };
  return { platform: platform!, postedAt: postedAt!, text, ...c };
}

/**
 * Reads a history file (CSV with a header row, or JSON: a list of row objects or `{ "rows": [...] }`) and checks every
 * row. Any refused row refuses the whole file: the answer lists each refused row with its line and reasons.
 */
export function parseHistory(body: string, kind: "csv" | "json", now: Date): { rows: HistoryInputRow[] } | { problems: RowProblem[] } {
  let records: { line: number; raw: Record<string, unknown> }[];
  // A file far over the row limit is refused before parsing it (parsing 180,000 rows held the server for seconds);
  // captions may span lines, so the bound is twice the limit, and the exact count is checked after parsing.
  if (kind === "csv" && linesOver(body, 2 * MAX_HISTORY_ROWS + 1))
    return {
      problems: [{ line: 0, reason: `the file has more than ${MAX_HISTORY_ROWS} rows; send at most ${MAX_HISTORY_ROWS} at a time` }],
    };
  if (kind === "json") {
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch (e) {
      return { problems: [{ line: 0, reason: `the file is not valid JSON (${e instanceof Error ? e.message : e})` }] };
    }
    const list = Array.isArray(data) ? data : data && typeof data === "object" ? (data as { rows?: unknown }).rows : undefined;
    if (!Array.isArray(list)) return { problems: [{ line: 0, reason: 'JSON must be a list of rows or { "rows": [...] }' }] };
    if (list.length > MAX_HISTORY_ROWS)
      return { problems: [{ line: 0, reason: `the file has ${list.length} rows; send at most ${MAX_HISTORY_ROWS} at a time` }] };
    records = list.map((r, i) => ({
      line: i + 1,
      raw: r && typeof r === "object" && !Array.isArray(r) ? (r as Record<string, unknown>) : { platform: undefined },
    }));
  } else {
    const all = csvRecords(body.replace(/^\uFEFF/, ""));
    if (all.length === 0) return { problems: [{ line: 1, reason: "the file is empty; the first line must name the columns" }] };
    const header = all[0]!.fields.map((h) => h.trim().toLowerCase());
    const missing = ["platform", "posted_at"].filter((h) => !header.includes(h));
    if (missing.length > 0) return { problems: [{ line: 1, reason: `the header row lacks ${missing.join(" and ")}` }] };
    records = all.slice(1).map((r) => ({ line: r.line, raw: Object.fromEntries(header.map((h, i) => [h, r.fields[i]])) }));
  }
  if (records.length === 0) return { problems: [{ line: 0, reason: "the file has no rows" }] };
  if (records.length > MAX_HISTORY_ROWS)
    return { problems: [{ line: 0, reason: `the file has ${records.length} rows; send at most ${MAX_HISTORY_ROWS} at a time` }] };
  const rows: HistoryInputRow[] = [];
  const problems: RowProblem[] = [];
  for (const r of records) {
    const checked = checkRow(r.raw, now);
    if ("problems" in checked) problems.push({ line: r.line, reason: checked.problems.join("; ") });
    else rows.push(checked);
  }
  return problems.length > 0 ? { problems } : { rows };
}

/** Whether `text` has more than `max` lines (stops counting at the first line over). */
function linesOver(text: string, max: number): boolean {
  let lines = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) if (++lines > max) return true;
  return false;
}

/** The file's text when it is UTF-8 or UTF-16 with its BOM, else undefined: a Latin-1 export would be stored garbled. */
export function utf8Text(bytes: ArrayBuffer): string | undefined {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? "utf-16le" : head[0] === 0xfe && head[1] === 0xff ? "utf-16be" : undefined;
  try {
    return new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/** The sentence for a file that is not UTF-8. */
export const NOT_UTF8 = "The file is not UTF-8 text; save or export it as UTF-8 (CSV UTF-8 in a spreadsheet) and send it again.";
