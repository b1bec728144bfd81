import type { AppContext } from "../app/context";
import { zoneOrUtc } from "../lib/zoned-time";
import { resolveFonts } from "../media/fonts";
import { productName } from "../operator/brand";
import type { UserRow } from "../users/store";
import { readReport, type ReportData } from "./data";
import { lastCompletePeriod, type PeriodKind, type ReportPeriod } from "./period";
import { renderReportPdf } from "./pdf";
import { loadThumbnails } from "./thumbnails";
import { mediaStoreOf } from "../media/storage/open";

/** A finished report: its figures (for the email) and the PDF with a file name. */
export interface BuiltReport {
  data: ReportData;
  pdf: Buffer;
  filename: string;
}

/** The PDF's file name: "report-week-2026-11-30.pdf". */
export function reportFilename(period: Pick<ReportPeriod, "kind" | "start">): string {
  return `report-${period.kind}-${period.start}.pdf`;
}

/**
 * Builds a user's report for the last complete period of `kind` in their zone (or the period given), over all their
 * web apps or the ones picked. Missing fonts throw the media module's MissingFontError.
 */
export async function buildReport(
  ctx: AppContext,
  user: Pick<UserRow, "id" | "timezone">,
  kind: PeriodKind,
  opts: { webappIds?: number[]; period?: ReportPeriod } = {},
): Promise<BuiltReport> {
  const now = ctx.clock.now();
  const period = opts.period ?? lastCompletePeriod(kind, now, zoneOrUtc(user.timezone));
  const data = readReport(ctx.db, user.id, period, now, opts.webappIds);
  const thumbnails = await loadThumbnails(mediaStoreOf(ctx), [...data.top, ...data.bottom]);
  const pdf = await renderReportPdf(data, resolveFonts(ctx), thumbnails, productName(ctx.config));
  return { data, pdf, filename: reportFilename(period) };
}
