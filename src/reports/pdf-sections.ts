import { formatCount } from "../lib/format";
import type { Totals } from "../analytics/query";
import type { ReportData } from "./data";
import { formatChange, formatRate, platformName } from "./figures";
import { barRows, type Box, COLORS, columnChart, lineChart } from "./pdf-charts";

type Doc = PDFKit.PDFDocument;

const engagement = (t: Totals) => t.likes + t.comments + t.shares + t.saves;
// "30 Nov" under a chart's axis.
const shortDay = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function heading(doc: Doc, text: string, x: number, y: number): void {
  doc.font("bold").fontSize(12).fillColor(COLORS.ink).text(text, x, y);
}

/** The charts page: views per day, engagement per day and views by platform. Leaves doc.y under the last chart. */
export function drawCharts(doc: Doc, data: ReportData, at: Box): void {
  const days = data.summary.daily;
  const labels = days.map((d) => shortDay(d.day));
  const chartX = at.x + 40;
  const chartW = at.w - 40;
  heading(doc, "Views of the posts published each day", at.x, at.y);
  lineChart(
    doc,
    { x: chartX, y: at.y + 24, w: chartW, h: 110 },
    days.map((d) => d.views),
    labels,
  );
  heading(doc, "Their likes, comments, shares and saves", at.x, at.y + 162);
  columnChart(doc, { x: chartX, y: at.y + 186, w: chartW, h: 90 }, days.map(engagement), labels);
  heading(doc, "Views by platform", at.x, at.y + 306);
  const rows = data.summary.byPlatform.map((p) => ({ label: platformName(p.platform), value: p.views })).sort((a, b) => b.value - a.value);
  barRows(doc, { x: at.x, y: at.y + 328, w: at.w, h: rows.length * 18 }, rows);
  doc.y = at.y + 328 + 18 * rows.length + 8;
}

interface Column {
  title: string;
  width: number;
  cell: (t: Totals, before: Totals | undefined) => string;
}

const COLUMNS: Column[] = [
  { title: "Posts", width: 38, cell: (t) => formatCount(t.posts) },
  { title: "Views", width: 58, cell: (t) => formatCount(t.views) },
  { title: "Likes", width: 48, cell: (t) => formatCount(t.likes) },
  { title: "Comments", width: 56, cell: (t) => formatCount(t.comments) },
  { title: "Shares", width: 44, cell: (t) => formatCount(t.shares) },
  { title: "Saves", width: 40, cell: (t) => formatCount(t.saves) },
  { title: "Visits", width: 40, cell: (t) => formatCount(t.clicks) },
  { title: "Eng. rate", width: 46, cell: (t) => formatRate(t.engagementRate) },
  { title: "Views change", width: 50, cell: (t, b) => formatChange(t.views, b?.views ?? 0) },
];

function table(doc: Doc, at: Box, title: string, rows: Array<{ name: string; now: Totals; before?: Totals }>): void {
  const rowH = 16;
  const nameW = at.w - COLUMNS.reduce((s, c) => s + c.width, 0);
  if (doc.y + rowH * (rows.length + 3) > at.h) doc.addPage();
  let y = doc.y;
  heading(doc, title, at.x, y);
  y += 20;
  // A row grows to two lines when a name or a header needs them; beyond that the text is cut with an ellipsis.
  const line = (cells: string[], bold: boolean) => {
    doc
      .font(bold ? "bold" : "regular")
      .fontSize(8)
      .fillColor(COLORS.ink);
    const widths = [nameW, ...COLUMNS.map((c) => c.width)];
    const lines = Math.max(...cells.map((c, i) => (doc.heightOfString(c, { width: widths[i]! - 4 }) > 12 ? 2 : 1)));
    const h = rowH + (lines - 1) * 10;
    if (y + h > at.h) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    let x = at.x;
    cells.forEach((c, i) => {
      doc.text(c, x, y + 4, { width: widths[i]! - 4, height: lines * 10, ellipsis: true, align: i === 0 ? "left" : "right" });
      x += widths[i]!;
    });
    doc
      .moveTo(at.x, y + h)
      .lineTo(at.x + at.w, y + h)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    y += h;
  };
  line(["", ...COLUMNS.map((c) => c.title)], true);
  for (const r of rows) line([r.name, ...COLUMNS.map((c) => c.cell(r.now, r.before))], false);
  doc.y = y + 14;
}

/** The per-platform table, and the per-web-app table when the report covers more than one. */
export function drawTables(doc: Doc, data: ReportData, at: Box): void {
  doc.y = at.y;
  const prevPlatform = new Map(data.previous.byPlatform.map((p) => [p.platform, p]));
  table(
    doc,
    at,
    "Per platform",
    data.summary.byPlatform.map((p) => ({ name: platformName(p.platform), now: p, before: prevPlatform.get(p.platform) })),
  );
  if (data.summary.byWebapp.length > 1) {
    const prevApp = new Map(data.previous.byWebapp.map((w) => [w.webappId, w]));
    table(
      doc,
      at,
      "Per web app",
      data.summary.byWebapp.map((w) => ({ name: w.webappName, now: w, before: prevApp.get(w.webappId) })),
    );
  }
}
