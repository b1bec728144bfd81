/**
 * Pure text fitting for the image templates: an estimate of how wide a line is set in DejaVu Sans (Bold is the
 * widest, so both weights are measured as Bold and err wide), and the fitting rule: shrink, then wrap, then cut at
 * a word with an ellipsis. The renderer measures the real glyphs afterwards and only ever scales down.
 */

const NARROW = new Set([..."ijlI.,:;'!|()[]{}`\"’‘ftr-"]);
const WIDE = new Set([..."mwMW@%—…"]);
const ELLIPSIS = "…";

/** How wide one character is set, in ems (conservative for DejaVu Sans Bold). */
export function advance(ch: string): number {
  if (ch === " ") return 0.36;
  if (NARROW.has(ch)) return 0.5;
  if (WIDE.has(ch)) return 1.08;
  const cp = ch.codePointAt(0)!;
  if (cp >= 0x2e80 || cp >= 0x1f000) return 1.15; // CJK and emoji: a full em and a little
  if (cp >= 0x0590 && cp <= 0x08ff) return 0.62; // Hebrew and Arabic
  if (/\d/.test(ch)) return 0.72;
  if (/\p{Lu}/u.test(ch)) return 0.82;
  return 0.74;
}

/** The estimated width of a line of text at `size` pixels. */
export function lineWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * size;
}

/** A text fitted to a box: its lines, the size it is set at, and whether it had to be cut. */
export interface Fitted {
  lines: string[];
  size: number;
  lineHeight: number;
  /** Estimated width of the widest line and height of the block. */
  width: number;
  height: number;
  cut: boolean;
}

/** How to fit: the largest and smallest size, the line height as a share of the size, an optional line limit. */
export interface FitRule {
  maxSize: number;
  minSize: number;
  leading?: number;
  maxLines?: number;
}

// Greedy word wrap; undefined when a single word is wider than the box at this size.
function wrap(words: string[], width: number, size: number): string[] | undefined {
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (lineWidth(w, size) > width) return undefined;
    const next = line ? `${line} ${w}` : w;
    if (lineWidth(next, size) <= width) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Drops words from the end of a line until it and an ellipsis fit the width; never cuts inside a word. */
function withEllipsis(line: string, width: number, size: number): string {
  const words = line.split(" ");
  while (words.length > 1 && lineWidth(`${words.join(" ")}${ELLIPSIS}`, size) > width) words.pop();
  return `${words.join(" ").replace(/[\s,;:.!?—–-]+$/u, "")}${ELLIPSIS}`;
}

/**
 * Fits text into width x height: tries sizes from maxSize down to minSize (wrapping at words at each), and when
 * even minSize is too tall keeps the lines that fit and ends the last at a whole word with an ellipsis. A word
 * wider than the box at minSize is set smaller still, just small enough to fit on its own line.
 */
export function fitText(text: string, width: number, height: number, rule: FitRule): Fitted {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const leading = rule.leading ?? 1.22;
  if (words.length === 0)
    return { lines: [], size: rule.minSize, lineHeight: Math.round(rule.minSize * leading), width: 0, height: 0, cut: false };
  const result = (lines: string[], size: number, cut: boolean): Fitted => {
    const lineHeight = Math.round(size * leading);
    return { lines, size, lineHeight, width: Math.max(...lines.map((l) => lineWidth(l, size))), height: lines.length * lineHeight, cut };
  };
  const fits = (lines: string[], size: number) =>
    lines.length * Math.round(size * leading) <= height && (rule.maxLines === undefined || lines.length <= rule.maxLines);
  let size = rule.maxSize;
  for (; size > rule.minSize; size = Math.max(rule.minSize, Math.floor(size * 0.92))) {
    const lines = wrap(words, width, size);
    if (lines && fits(lines, size)) return result(lines, size, false);
  }
  // The longest word decides how small the type must go to set every word whole.
  // (with room for an ellipsis after it, should the text still have to be cut).
  const longest = Math.max(...words.map((w) => lineWidth(w, 1))) + advance(ELLIPSIS);
  size = Math.max(6, Math.min(rule.minSize, Math.floor(width / longest)));
  const lines = wrap(words, width, size)!;
  if (fits(lines, size)) return result(lines, size, false);
  const room = Math.max(1, Math.min(rule.maxLines ?? Infinity, Math.floor(height / Math.round(size * leading))));
  const kept = lines.slice(0, room);
  kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, width, size);
  return result(kept, size, true);
}
