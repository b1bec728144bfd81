import type { Db } from "../db/client";
import { webappNames } from "../analytics/store";
import type { PeriodKind } from "./period";

/** A download request read from `<period>.pdf?webapp_id=N`, or what is wrong with it. */
export type ReportRequest =
  | { ok: true; kind: PeriodKind; webappIds?: number[] }
  | { ok: false; status: 400 | 404; code: string; message: string; field?: string };

const FILES: Record<string, PeriodKind> = { "day.pdf": "day", "week.pdf": "week", "month.pdf": "month" };

/**
 * Reads the file name and the optional web app of a report download, scoped to the user: an unknown period or
 * someone else's web app is "not found", a malformed id a bad request.
 */
export function readReportRequest(db: Db, userId: number, file: string, webappId: unknown): ReportRequest {
  const kind = FILES[file];
  if (!kind)
    return { ok: false, status: 404, code: "not_found", message: `There is no report ${file}; ask for week.pdf, month.pdf or day.pdf.` };
  if (webappId === undefined || webappId === "") return { ok: true, kind };
  if (typeof webappId !== "string" || !/^[0-9]{1,12}$/.test(webappId))
    return {
      ok: false,
      status: 400,
      code: "invalid_field",
      message: "webapp_id must be a web app's id (a whole number).",
      field: "webapp_id",
    };
  if (!webappNames(db, userId).some((w) => w.id === Number(webappId)))
    return { ok: false, status: 404, code: "not_found", message: `There is no web app ${webappId} among yours.` };
  return { ok: true, kind, webappIds: [Number(webappId)] };
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
