// Small inline-SVG charts drawn from plain numbers (no script, no library): daily bars for a trend, a share bar for a breakdown.
// Pure: values in, markup out. Labels and links come from the caller so every bar names the posts behind it.
import Html from "@kitajs/html";

/** One bar of a trend: its value, the tooltip naming what it counts, and where a click shows those posts. */
export interface Bar {
  value: number;
  title: string;
  href: string;
}

const HEIGHT = 60;
const STEP = 10;
const GAP = 2;

/** The height of a bar in chart units: 0 for nothing, at least 1 unit for any positive value so it stays visible and clickable. */
export function barHeight(value: number, max: number, height = HEIGHT): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.max(1, Math.round((value / max) * height * 10) / 10);
}

/** A bar chart of a metric over days, scaled to its largest bar; `label` names the chart for screen readers. */
export function BarChart(props: { bars: Bar[]; label: string }): JSX.Element {
  const max = props.bars.reduce((m, b) => (b.value > m ? b.value : m), 0);
  const width = Math.max(1, props.bars.length) * STEP;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={props.label}>
      <line class="axis" x1="0" y1={String(HEIGHT)} x2={String(width)} y2={String(HEIGHT)} />
      {props.bars.map((b, i) => {
        // A day without a value draws nothing: there are no posts behind it to point at.
        const h = barHeight(b.value, max);
        return h > 0 ? (
          <a href={b.href}>
            <rect class="bar" x={String(i * STEP + GAP / 2)} y={(HEIGHT - h).toFixed(1)} width={String(STEP - GAP)} height={String(h)}>
              <title safe>{b.title}</title>
            </rect>
          </a>
        ) : (
          ""
        );
      })}
    </svg>
  );
}

/** A thin bar showing a part of a whole (a platform's share of the views), with the share in words for screen readers. */
export function ShareBar(props: { part: number; whole: number; label: string }): JSX.Element {
  const pct = props.whole > 0 ? Math.min(100, Math.max(0, (props.part / props.whole) * 100)) : 0;
  return (
    <svg class="share" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label={props.label}>
      <rect class="share-track" x="0" y="0" width="100" height="6" />
      <rect class="share-fill" x="0" y="0" width={pct.toFixed(1)} height="6" />
    </svg>
  );
}

/** A line through a post's readings over time (x: time, y: value), for the item page; nothing with fewer than two readings. */
export function Curve(props: { points: { at: number; value: number }[]; label: string; width?: number; height?: number }): JSX.Element {
  const w = props.width ?? 300;
  const h = props.height ?? 60;
  const pts = props.points;
  if (pts.length < 2) return "";
  const t0 = pts[0]!.at;
  const span = Math.max(1, pts.at(-1)!.at - t0);
  const max = Math.max(1, ...pts.map((p) => p.value));
  const d = pts
    .map((p, i) => `${i === 0 ? "M" : "L"}${(((p.at - t0) / span) * w).toFixed(1)},${(h - (p.value / max) * (h - 2) - 1).toFixed(1)}`)
    .join(" ");
  return (
    <svg class="curve" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={props.label}>
      <path d={d} />
    </svg>
  );
}
