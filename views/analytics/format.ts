// How the analytics page writes its numbers: counts, rates and the change against the previous period. Pure.

// One formatter made once: Number.prototype.toLocaleString builds a new one per call, about 10 µs each, and the page
// writes about 2,000 numbers (8 charts x 90 days of tooltips, breakdowns, 50 rows). Same text as formatCount in lib/format.
const COUNT = new Intl.NumberFormat("en-US");

/** A count with thousands separators ("12,345"), as lib/format's formatCount writes it, at a fraction of the cost. */
export function formatCount(n: number): string {
  return COUNT.format(n);
}

/** An engagement rate as a percentage with two decimals ("4.25 %"), or a dash when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? "–" : `${(rate * 100).toFixed(2)} %`;
}

/** A figure that may be unknown: the count, or a dash. */
export function formatMaybe(n: number | null): string {
  return n === null ? "–" : formatCount(n);
}

/** The change of a count against the previous period, in words: "+12 %", "−5 %", "no change", "new" (nothing before). */
export function countChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? "no change" : "new";
  const pct = Math.round(((now - before) / before) * 100);
  return pct === 0 ? "no change" : `${pct > 0 ? "+" : "−"}${Math.abs(pct)} %`;
}

/** The change of a rate against the previous period in percentage points ("+0.40 pt"), or a dash when either has none. */
export function rateChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return "–";
  const pt = (now - before) * 100;
  return Math.abs(pt) < 0.005 ? "no change" : `${pt > 0 ? "+" : "−"}${Math.abs(pt).toFixed(2)} pt`;
}

/** A duration in seconds for people: "42 s", "3 min 05 s", "12 h 04 min" (watch time, average view duration). */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${formatCount(Math.floor(s / 3600))} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** A share 0..1 as a percentage with one decimal ("63.4 %"): video completion. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
