import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { NotFoundPage, ServerErrorPage, type ErrorViewer } from "../../views/errors/pages";
import { firstRunRedirect } from "../auth/first-run";
import { isHtmx, redirect } from "./guard";
import { readAuth } from "./session";

function viewerOf(ctx: AppContext, request: Request): ErrorViewer | undefined {
  try {
    const auth = readAuth(ctx, request, { headers: {} });
    return auth ? { user: auth.user, csrf: auth.session.csrfToken } : undefined;
  } catch {
    return undefined;
  }
}

/** An HTML answer that is never cached (error and refusal pages). */
export function htmlPage(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** Friendly 404 and 500 pages for browser routes (the API answers its own JSON errors). */
export function errorPages(ctx: AppContext) {
  return new Elysia({ name: "amarktai.errors" }).onError({ as: "global" }, async ({ code, error, request }) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/api/")) return;
    if (code === "NOT_FOUND") {
      const firstRun = firstRunRedirect(ctx, path);
      if (firstRun) return redirect(request, firstRun);
      if (isHtmx(request))
        return htmlPage(`<div class="notice notice-error" role="alert">Not found: nothing is at this address.</div>`, 404);
      return htmlPage(await (<NotFoundPage path={path} viewer={viewerOf(ctx, request)} />), 404);
    }
    if (code === "VALIDATION" || code === "PARSE") return;
    const reference = crypto.randomUUID().slice(0, 8);
    ctx.log.error(
      `http: ${request.method} ${path} failed (reference ${reference}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (isHtmx(request))
      return htmlPage(
        `<div class="notice notice-error" role="alert">Something went wrong on the server (reference ${reference}). Try again; if it keeps happening, tell your administrator.</div>`,
        500,
      );
    return htmlPage(await (<ServerErrorPage reference={reference} viewer={viewerOf(ctx, request)} />), 500);
  });
}
