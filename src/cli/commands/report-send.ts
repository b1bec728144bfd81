import { formatCount } from "../../lib/format";
import type { PeriodKind } from "../../reports/period";
import { emailReport } from "../../reports/send";
import { periodLabel } from "../../reports/period";
import { findUserByEmail } from "../../users/store";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

const KINDS: PeriodKind[] = ["week", "month", "day"];

/** `report:send --email E [--period week|month|day]`: emails the user's report for the last complete period now. */
export const reportSend: CliCommand = {
  name: "report:send",
  summary: "email a user's report (key figures inline, PDF attached) for the last complete week or month now",
  usage: "--email E [--period week|month|day]",
  async run(argv, out) {
    const { flags } = parseFlags("report:send", argv, { email: { type: "string", required: true }, period: { type: "string" } });
    const kind = (flags.period ?? "week") as PeriodKind;
    if (!KINDS.includes(kind)) throw new CliError(`report:send: --period must be week, month or day (not "${flags.period}")`, 2);
    const ctx = openCliContext(argv);
    try {
      const user = findUserByEmail(ctx.db, flags.email);
      if (!user)
        throw new CliError(`report:send: no user with the email ${flags.email}; check the spelling or create the user with user:create`, 2);
      let report;
      try {
        report = await emailReport(ctx, user, kind);
      } catch (e) {
        throw new CliError(`report:send: cannot send the report to ${user.email}: ${e instanceof Error ? e.message : e}`, 1);
      }
      const t = report.data.summary.totals;
      out.print(
        `report:send: sent the ${kind} report for ${periodLabel(report.data.period)} to ${user.email} (${formatCount(t.posts)} posts, ${formatCount(t.views)} views; ${report.filename}, ${formatCount(report.pdf.length)} bytes)${ctx.mailer.delivers ? "" : "; no SMTP host is set, so it was written to the outbox folder"}`,
      );
    } finally {
      ctx.close();
    }
  },
};
