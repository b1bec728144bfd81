import { formatCount } from "../lib/format";

type Doc = PDFKit.PDFDocument;

/** Where a chart is drawn on the page, in points. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The colours of the report (ink, muted text, rules, the series). */
export const COLORS = {
  ink: "#1f2933",
  muted: "#616e7c",
  rule: "#d9e2ec",
  fill: "#f0f4f8",
  series: "#2563eb",
  up: "#15803d",
  down: "#b91c1c",
};

const AXIS_LABEL = 7;

// A round maximum for the value axis (1, 2, 5 times a power of ten), so the top gridline reads cleanly.
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 5, 10].find((m) => m * p >= max) ?? 10) * p;
}

function axes(doc: Doc, box: Box, top: number, labels: string[]): void {
  doc.lineWidth(0.5).strokeColor(COLORS.rule);
  for (const f of [0, 0.5, 1]) {
    const y = box.y + box.h - f * box.h;
    doc
      .moveTo(box.x, y)
      .lineTo(box.x + box.w, y)
      .stroke();
    doc
      .fillColor(COLORS.muted)
      .fontSize(AXIS_LABEL)
      .text(formatCount(Math.round(top * f)), box.x - 38, y - 3, { width: 34, align: "right" });
  }
  // First, middle and last day under the axis: enough to place the curve in time without crowding.
  const n = labels.length;
  const picks = n <= 1 ? [0] : [0, Math.floor((n - 1) / 2), n - 1];
  for (const i of new Set(picks)) {
    const x = n <= 1 ? box.x : box.x + (i / (n - 1)) * box.w;
    doc.text(labels[i] ?? "", x - 30, box.y + box.h + 4, { width: 60, align: "center" });
  }
}

/** A line chart with a filled area, one point per label, drawn as vector paths. */
export function lineChart(doc: Doc, box: Box, values: number[], labels: string[]): void {
  const top = niceMax(Math.max(0, ...values));
  axes(doc, box, top, labels);
  if (values.length === 0) return;
  const step = values.length > 1 ? box.w / (values.length - 1) : 0;
  const pt = (v: number, i: number) => [box.x + i * step, box.y + box.h - (v / top) * box.h] as const;
  doc.moveTo(box.x, box.y + box.h);
  values.forEach((v, i) => doc.lineTo(...pt(v, i)));
  doc
    .lineTo(box.x + (values.length - 1) * step, box.y + box.h)
    .closePath()
    .fillOpacity(0.12)
    .fill(COLORS.series)
    .fillOpacity(1);
  values.forEach((v, i) => (i === 0 ? doc.moveTo(...pt(v, i)) : doc.lineTo(...pt(v, i))));
  doc.lineWidth(1.5).strokeColor(COLORS.series).stroke();
}

/** A column chart, one column per label. */
export function columnChart(doc: Doc, box: Box, values: number[], labels: string[]): void {
  const top = niceMax(Math.max(0, ...values));
  axes(doc, box, top, labels);
  if (values.length === 0) return;
  const slot = box.w / values.length;
  const width = Math.max(1, slot * 0.7);
  values.forEach((v, i) => {
    const h = (v / top) * box.h;
    if (h > 0) doc.rect(box.x + i * slot + (slot - width) / 2, box.y + box.h - h, width, h).fill(COLORS.series);
  });
}

/** Horizontal bars with their label on the left and the value on the right (one row per entry). */
export function barRows(doc: Doc, box: Box, rows: Array<{ label: string; value: number }>): void {
  const top = Math.max(1, ...rows.map((r) => r.value));
  const rowH = Math.min(18, box.h / Math.max(1, rows.length));
  const labelW = 110;
  const valueW = 60;
  rows.forEach((r, i) => {
    const y = box.y + i * rowH;
    doc
      .fillColor(COLORS.ink)
      .fontSize(8)
      .text(r.label, box.x, y + 3, { width: labelW - 6, lineBreak: false, ellipsis: true });
    const w = ((box.w - labelW - valueW) * r.value) / top;
    doc.rect(box.x + labelW, y + 2, Math.max(w, 0.5), rowH - 6).fill(COLORS.series);
    doc.fillColor(COLORS.ink).text(formatCount(r.value), box.x + box.w - valueW + 4, y + 3, { width: valueW - 4, align: "right" });
  });
}
