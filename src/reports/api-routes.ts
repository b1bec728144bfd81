import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { errorResponses, type OpenApiFragment } from "../api/openapi-parts";
import { buildReport } from "./build";
import { pdfResponse, readReportRequest } from "./request";

/** GET /api/v1/reports/<period>.pdf: the token owner's report for the last complete week, month or day. */
export function reportsApiRoutes(ctx: AppContext) {
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.reports: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .get("/reports/:file", async ({ apiUser, params, query }) => {
      const user = apiUser!;
      const req = readReportRequest(ctx.db, user.id, params.file, query.webapp_id);
      if (!req.ok) return apiError(req.status, req.code, req.message, req.field);
      const report = await buildReport(ctx, user, req.kind, { webappIds: req.webappIds });
      return pdfResponse(report.pdf, report.filename);
    });
}

/** The report endpoint in OpenAPI form. */
export const reportsOpenApi: OpenApiFragment = {
  tags: [{ name: "Reports", description: "The PDF report of your posts' figures for a period." }],
  paths: {
    "/api/v1/reports/{file}": {
      get: {
        operationId: "getReportPdf",
        tags: ["Reports"],
        summary: "Download the report PDF for the last complete period",
        description:
          "week.pdf: last Monday to Sunday; month.pdf: last calendar month; day.pdf: yesterday; all in your time zone. Holds the totals with their change against the period before, charts, top and bottom posts, a per-platform table and observations computed from the figures. A period without posts gives a short report that says so.",
        parameters: [
          {
            name: "file",
            in: "path",
            required: true,
            description: "The period's PDF: week.pdf, month.pdf or day.pdf.",
            schema: { type: "string", enum: ["week.pdf", "month.pdf", "day.pdf"] },
          },
          {
            name: "webapp_id",
            in: "query",
            required: false,
            description: "Only these web apps (yours): one id or several separated by commas, e.g. 3,7; all your web apps when left out.",
            schema: { type: "string", pattern: "^[0-9]+(,[0-9]+)*$" },
          },
        ],
        responses: {
          "200": { description: "The report.", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
          ...errorResponses(400, 401, 404),
        },
      },
    },
  },
};
