import type { Db } from "../db/client";
import { webappNames } from "../analytics/store";
import type { PeriodKind } from "./period";

/** A download request read from `<period>.pdf?webapp_id=N`, or what is wrong with it. */
export type ReportRequest =
  | { ok: true; kind: PeriodKind; webappIds?: number[] }
  | { ok: false; status: 400 | 404; code: string; message: string; field?: string };

const FILES: Record<string, PeriodKind> = { "day.pdf": "day", "week.pdf": "week", "month.pdf": "month" };

/**
 * Reads the file name and the optional web app(s) of a report download, scoped to the user: an unknown period or
 * someone else's web app is "not found", a malformed id a bad request.
 */
export function readReportRequest(db: Db, userId: number, file: string, webappId: unknown): ReportRequest {
  const kind = FILES[file];
  if (!kind)
    return { ok: false, status: 404, code: "not_found", message: `There is no report ${file}; ask for week.pdf, month.pdf or day.pdf.` };
  if (webappId === undefined || webappId === "") return { ok: true, kind };
  if (typeof webappId !== "string" || !/^[0-9]{1,12}(,[0-9]{1,12})*$/.test(webappId))
    return {
      ok: false,
      status: 400,
      code: "invalid_field",
      message: "webapp_id must be a web app's id, or several separated by commas (e.g. 3,7).",
      field: "webapp_id",
    };
  const ids = [...new Set(webappId.split(",").map(Number))];
  const mine = new Set(webappNames(db, userId).map((w) => w.id));
  const foreign = ids.find((id) => !mine.has(id));
  if (foreign !== undefined) return { ok: false, status: 404, code: "not_found", message: `There is no web app ${foreign} among yours.` };
  return { ok: true, kind, webappIds: ids };
}

/** The HTTP answer carrying a report PDF (downloaded, never cached: it holds the user's figures). */
export function pdfResponse(pdf: Buffer, filename: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    },
  });
}
