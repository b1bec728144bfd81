import type { AppContext } from "../app/context";
import { zonedTime, zoneOrUtc } from "../lib/zoned-time";
import { listUsers, type UserRow } from "../users/store";
import { buildReport, type BuiltReport } from "./build";
import { composeReportEmail } from "./email";
import { lastCompletePeriod, type PeriodKind, type ReportPeriod } from "./period";
import { claimReport, markReportSent, releaseReport } from "./store";

/** The report email's frequencies, as stored on the user row and offered on the settings page. */
export const REPORT_FREQUENCIES = ["off", "daily", "weekly", "monthly"] as const;

/** How often a user gets the report email. */
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];

/** The period each frequency reports on (none for "off"). */
export const PERIOD_OF: Record<ReportFrequency, PeriodKind | undefined> = {
  off: undefined,
  daily: "day",
  weekly: "week",
  monthly: "month",
};

/** The local hour the report email goes out on the first day after its period (Monday for weekly, the 1st for monthly). */
export const REPORT_HOUR = 8;

/** Builds a user's report and emails it to them with the PDF attached; throws when it cannot be built or sent. */
export async function emailReport(
  ctx: AppContext,
  user: UserRow,
  kind: PeriodKind,
  opts: { webappIds?: number[]; period?: ReportPeriod } = {},
): Promise<BuiltReport> {
  const report = await buildReport(ctx, user, kind, opts);
  const mail = composeReportEmail(report.data, { name: user.name, baseUrl: ctx.config.server.public_base_url });
  await ctx.mailer.send({
    to: user.email,
    ...mail,
    attachments: [{ filename: report.filename, content: report.pdf, contentType: "application/pdf" }],
  });
  return report;
}

/** The period a user's report email is due for at `now`, or undefined (off, not 08:00 yet, or the user did not exist then). */
export function duePeriod(user: UserRow, now: Date): ReportPeriod | undefined {
  const kind = PERIOD_OF[user.reportFrequency];
  if (!kind) return undefined;
  const zone = zoneOrUtc(user.timezone);
  const period = lastCompletePeriod(kind, now, zone);
  if (now < zonedTime(period.end, REPORT_HOUR, 0, zone)) return undefined;
  if (user.createdAt >= period.to) return undefined;
  return period;
}

/**
 * Schedule: sends each user the report of their last complete period once its send time has passed, once per period
 * (claimed in report_sends before sending, so restarts and overlapping runs never send twice; a failure is retried).
 */
export async function sendDueReports(ctx: AppContext, now: Date): Promise<{ sent: number; failed: number }> {
  const out = { sent: 0, failed: 0 };
  for (const user of listUsers(ctx.db)) {
    const period = duePeriod(user, now);
    if (!period || !claimReport(ctx.db, user.id, period.kind, period.start, now)) continue;
    try {
      await emailReport(ctx, user, period.kind, { period });
      markReportSent(ctx.db, user.id, period.kind, period.start, ctx.clock.now());
      out.sent++;
    } catch (e) {
      releaseReport(ctx.db, user.id, period.kind, period.start);
      out.failed++;
      ctx.log.error(
        `reports: cannot send the ${period.kind} report of ${period.start} to ${user.email}: ${e instanceof Error ? e.message : e}; the next run retries it`,
      );
    }
  }
  return out;
}
