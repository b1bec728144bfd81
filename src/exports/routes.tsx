import { Elysia } from "elysia";
import { statSync } from "node:fs";
import type { AppContext } from "../app/context";
import { field, parseId } from "../approvals/form";
import { findBatchForUser } from "../content/store";
import { redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { itemOfUser } from "../publishing/store";
import { findUserById } from "../users/store";
import { ExportPage, ExportStatus } from "../../views/exports/page";
import { exportFile, exportOf, requestExport } from "./job";
import { EXPORT_KINDS, type ExportKind } from "./plan";
import { exportView } from "./status";

const html = (body: JSX.Element, status = 200) =>
  new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });

// Whether the requester may export this: their own post or batch; an account's data only for an operator's admin.
function mayExport(ctx: AppContext, auth: NonNullable<Auth>, what: ExportKind, id: number): boolean {
  if (what === "item") return itemOfUser(ctx.db, auth.user.id, id) !== undefined;
  if (what === "batch") return findBatchForUser(ctx.db, auth.user.id, id) !== undefined;
  return auth.user.role === "admin" && ctx.config.operator.enabled && findUserById(ctx.db, id) !== undefined;
}

/** Exports built as jobs: POST /exports asks for one, /exports/:id shows its live progress, then its download. */
export function exportRoutes(ctx: AppContext) {
  const find = (auth: NonNullable<Auth>, raw: string) => {
    const id = parseId(raw);
    return id === undefined ? undefined : exportOf(ctx, auth.user.id, id);
  };
  const missing = (set: { status?: number | string }) => {
    set.status = 404;
    return "That export does not exist, or it is another account's.";
  };
  return new Elysia()
    .use(sessionPlugin(ctx))
    .post("/exports", ({ auth, body, request, set }) => {
      const a = auth!;
      const what = field(body, "what");
      const id = parseId(field(body, "id"));
      if (!(EXPORT_KINDS as readonly string[]).includes(what) || id === undefined || !mayExport(ctx, a, what as ExportKind, id)) {
        set.status = 404;
        return "There is nothing of yours to export there: the post, batch or account does not exist.";
      }
      const job = requestExport(ctx, { userId: a.user.id, what: what as ExportKind, id });
      return redirect(request, `/exports/${job.id}`);
    })
    .get("/exports/:id", ({ auth, params, set }) => {
      const a = auth!;
      const found = find(a, params.id);
      if (!found) return missing(set);
      const view = exportView(ctx, found.job, found.request);
      return html(<ExportPage user={a.user} csrf={a.session.csrfToken} unread={a.unread} view={view} />);
    })
    .get("/exports/:id/progress", ({ auth, params, set }) => {
      const a = auth!;
      const found = find(a, params.id);
      if (!found) return missing(set);
      return html(<ExportStatus view={exportView(ctx, found.job, found.request)} csrf={a.session.csrfToken} />);
    })
    .get("/exports/:id/download", ({ auth, params, set }) => {
      const a = auth!;
      const found = find(a, params.id);
      if (!found) return missing(set);
      const view = exportView(ctx, found.job, found.request);
      if (view.state !== "ready") {
        set.status = 409;
        return `This export is not ready (${view.state}); its page says when it is.`;
      }
      const path = exportFile(ctx, found.job.id);
      return new Response(Bun.file(path), {
        headers: {
          "content-type": "application/zip",
          "content-length": String(statSync(path).size),
          "content-disposition": `attachment; filename="${view.filename}"`,
          "cache-control": "no-store",
        },
      });
    });
}
