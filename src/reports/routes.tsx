import { Elysia, NotFoundError } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { updateUser } from "../users/store";
import { ReportSettingsForm } from "../../views/reports/settings-form";
import { buildReport } from "./build";
import { pdfResponse, readReportRequest } from "./request";
import { REPORT_FREQUENCIES, type ReportFrequency } from "./send";

const isFrequency = (v: unknown): v is ReportFrequency => REPORT_FREQUENCIES.includes(v as ReportFrequency);

/** GET /reports/<period>.pdf (the signed-in user's report) and POST /settings/report (how often the report email comes). */
export function reportRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/reports/:file", async ({ params, query, auth }) => {
      const user = auth!.user;
      const req = readReportRequest(ctx.db, user.id, params.file, query.webapp_id);
      if (!req.ok) throw new NotFoundError();
      const report = await buildReport(ctx, user, req.kind, { webappIds: req.webappIds });
      return pdfResponse(report.pdf, report.filename);
    })
    .post("/settings/report", ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      const frequency = (body as Record<string, unknown> | null)?.frequency;
      if (!isFrequency(frequency)) {
        set.status = 422;
        return (
          <ReportSettingsForm csrf={session.csrfToken} frequency={user.reportFrequency} error="Pick one of the offered frequencies." />
        );
      }
      updateUser(ctx.db, user.id, { reportFrequency: frequency });
      if (!isHtmx(request)) return redirect(request, "/settings?saved=report");
      return <ReportSettingsForm csrf={session.csrfToken} frequency={frequency} saved="Report email setting saved." />;
    });
}
