import PDFDocument from "pdfkit";
import type { PostRow } from "../analytics/query";
import { formatCount, formatInZone } from "../lib/format";
import type { Fonts } from "../media/fonts";
import type { ReportData } from "./data";
import { COLORS } from "./pdf-charts";
import { drawCharts, drawTables } from "./pdf-sections";
import { formatChange, formatRate, METRIC_LABELS, platformName, REPORT_METRICS } from "./figures";
import { periodLabel } from "./period";

type Doc = PDFKit.PDFDocument;

const PAGE = { w: 595.28, h: 841.89, margin: 40 };
const WIDTH = PAGE.w - 2 * PAGE.margin;

/** Whether a report has anything to show: a period without posts is a short "nothing to measure" report. */
export function hasPosts(data: ReportData): boolean {
  return data.summary.totals.posts > 0;
}

/** The report's title line: "Acme Notes, Café Bar: 30 Nov – 6 Dec 2026". */
export function reportTitle(data: ReportData): string {
  const apps = data.webappNames.length > 0 ? data.webappNames.join(", ") : "No web apps";
  return `${apps}: ${periodLabel(data.period)}`;
}

/**
 * Renders a report as a PDF (A4; real text in an embedded font, charts as vector paths, thumbnails as small JPEGs);
 * `author` is the name in its properties: the box's product name (the operator's in operator mode).
 */
export function renderReportPdf(data: ReportData, fonts: Fonts, thumbnails: Map<number, Buffer>, author: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: PAGE.margin,
    font: fonts.regular,
    compress: true,
    info: { Title: `Marketing report — ${reportTitle(data)}`, Author: author, CreationDate: data.generatedAt },
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  cover(doc, data);
  if (!hasPosts(data)) nothingToMeasure(doc, data);
  else {
    totals(doc, data);
    observations(doc, data);
    doc.addPage();
    drawCharts(doc, data, { x: PAGE.margin, y: PAGE.margin, w: WIDTH, h: 0 });
    drawTables(doc, data, { x: PAGE.margin, y: doc.y + 10, w: WIDTH, h: PAGE.h - PAGE.margin });
    doc.addPage();
    rankedPosts(doc, "Top posts (most views)", data.top, data, thumbnails);
    if (data.bottom.length > 0) rankedPosts(doc, "Bottom posts (fewest views)", data.bottom, data, thumbnails);
  }
  doc.end();
  return done;
}

function cover(doc: Doc, data: ReportData): void {
  doc.rect(0, 0, PAGE.w, 150).fill(COLORS.fill);
  doc.fillColor(COLORS.muted).font("regular").fontSize(11).text("Marketing report", PAGE.margin, 40);
  const apps = data.webappNames.length > 0 ? data.webappNames.join(", ") : "No web apps";
  doc.fillColor(COLORS.ink).font("bold").fontSize(22).text(apps, PAGE.margin, 58, { width: WIDTH, height: 56, ellipsis: true });
  doc.font("regular").fontSize(13).text(periodLabel(data.period), PAGE.margin, 118);
  doc
    .fillColor(COLORS.muted)
    .fontSize(8)
    .text(`Times in ${data.period.timeZone}. Made ${formatInZone(data.generatedAt, data.period.timeZone)}.`, PAGE.margin, 160);
  doc.y = 180;
}

function nothingToMeasure(doc: Doc, data: ReportData): void {
  doc.font("bold").fontSize(14).fillColor(COLORS.ink).text("There was nothing to measure in this period.", PAGE.margin, 200);
  doc
    .font("regular")
    .fontSize(10)
    .fillColor(COLORS.muted)
    .text(
      `No post was published for ${data.webappNames.length === 1 ? "this web app" : "these web apps"} in ${periodLabel(data.period)}. ` +
        "Once posts are published, their views, likes, comments, shares, saves and clicks are read over the following days and appear in the next report.",
      PAGE.margin,
      224,
      { width: WIDTH },
    );
}

function totals(doc: Doc, data: ReportData): void {
  const now = data.summary.totals;
  const before = data.previous.totals;
  const cells = [
    ...REPORT_METRICS.map((m) => ({
      label: METRIC_LABELS[m],
      value: formatCount(now[m]),
      change: formatChange(now[m], before[m]),
      up: now[m] - before[m],
    })),
    {
      label: "Engagement rate",
      value: formatRate(now.engagementRate),
      change: before.engagementRate === null ? "" : `${formatRate(before.engagementRate)} before`,
      up: (now.engagementRate ?? 0) - (before.engagementRate ?? 0),
    },
  ];
  doc.font("bold").fontSize(13).fillColor(COLORS.ink).text("Totals", PAGE.margin, 190);
  doc.font("regular").fontSize(8).fillColor(COLORS.muted).text(`Changes are against ${data.period.previousName}.`, PAGE.margin, 207);
  const cellW = WIDTH / 4;
  cells.forEach((c, i) => {
    const x = PAGE.margin + (i % 4) * cellW;
    const y = 224 + Math.floor(i / 4) * 64;
    doc
      .rect(x + 2, y, cellW - 4, 58)
      .lineWidth(0.5)
      .strokeColor(COLORS.rule)
      .stroke();
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(c.label, x + 10, y + 8, { width: cellW - 20 });
    doc
      .font("bold")
      .fontSize(16)
      .fillColor(COLORS.ink)
      .text(c.value, x + 10, y + 20, { width: cellW - 20 });
    const color = c.change.startsWith("+") ? COLORS.up : c.change.startsWith("−") ? COLORS.down : COLORS.muted;
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(color)
      .text(c.change, x + 10, y + 42, { width: cellW - 20 });
  });
  doc.y = 224 + 2 * 64 + 16;
}

function observations(doc: Doc, data: ReportData): void {
  doc.font("bold").fontSize(13).fillColor(COLORS.ink).text("What stood out", PAGE.margin, doc.y);
  doc.moveDown(0.4).font("regular").fontSize(10);
  const { lines, tooThin } = data.observations;
  if (tooThin) doc.fillColor(COLORS.muted).text(tooThin, { width: WIDTH });
  else if (lines.length === 0) doc.fillColor(COLORS.muted).text("Nothing changed enough to stand out in this period.", { width: WIDTH });
  else for (const line of lines) doc.fillColor(COLORS.ink).text(`•  ${line}`, { width: WIDTH, paragraphGap: 4 });
  doc.moveDown(1).fontSize(8).fillColor(COLORS.muted).text(data.engagementDefinition, { width: WIDTH });
}

function rankedPosts(doc: Doc, title: string, posts: PostRow[], data: ReportData, thumbnails: Map<number, Buffer>): void {
  if (doc.y > PAGE.h - 200) doc.addPage();
  doc
    .font("bold")
    .fontSize(13)
    .fillColor(COLORS.ink)
    .text(title, PAGE.margin, doc.y + 6);
  let y = doc.y + 8;
  const rowH = 64;
  for (const p of posts) {
    if (y + rowH > PAGE.h - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
    }
    const thumb = thumbnails.get(p.itemId);
    if (thumb) doc.image(thumb, PAGE.margin, y, { fit: [40, 56], align: "center", valign: "center" });
    else doc.rect(PAGE.margin, y, 40, 56).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
    const x = PAGE.margin + 52;
    const head = `${platformName(p.platform)} · ${p.webappName} · ${formatInZone(p.publishedAt, data.period.timeZone)}${p.removed ? " · removed on the platform" : ""}`;
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(COLORS.muted)
      .text(head, x, y, { width: WIDTH - 52 });
    doc
      .fontSize(9)
      .fillColor(COLORS.ink)
      .text(p.caption || "(no caption)", x, y + 12, { width: WIDTH - 52, height: 24, ellipsis: true });
    const figures = [
      `${formatCount(p.views ?? 0)} views`,
      `${formatCount(p.likes ?? 0)} likes`,
      `${formatCount(p.comments ?? 0)} comments`,
      `${formatCount(p.clicks)} link visits`,
      `engagement ${formatRate(p.engagementRate)}`,
    ].join("   ");
    doc
      .font("bold")
      .fontSize(8)
      .text(figures, x, y + 40, { width: WIDTH - 52 });
    y += rowH;
  }
  doc.y = y + 6;
}
