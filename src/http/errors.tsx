import { escapeHtml } from "@kitajs/html";
import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "./guard";
import { readAuth, type Auth } from "./session";

/** Who sees an error page: a signed-in user gets the app shell, anyone else the plain card. */
export type ErrorViewer = { user: NonNullable<Auth>["user"]; csrf: string; unread: number };

/** What the error pages need from above http/: the first-run redirect and the two pages, given by the composition root. */
export interface ErrorPageParts {
  firstRunRedirect(path: string): string | undefined;
  notFound(path: string, viewer: ErrorViewer | undefined): JSX.Element;
  serverError(reference: string, viewer: ErrorViewer | undefined): JSX.Element;
  actionRefused(message: string, link: { href: string; label: string }, viewer: ErrorViewer | undefined): JSX.Element;
}

/** An action refused for a reason the person can act on (a plan's limit, a paused account): a 403 page with the sentence and a link. */
export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly link: { href: string; label: string },
  ) {
    super(message);
  }
}

function viewerOf(ctx: AppContext, request: Request): ErrorViewer | undefined {
  try {
    const auth = readAuth(ctx, request, { headers: {} });
    return auth ? { user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread } : undefined;
  } catch {
    return undefined;
  }
}

/** An HTML answer that is never cached (error and refusal pages). */
export function htmlPage(body: string, status: number): Response {
  return new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** Friendly 404 and 500 pages for browser routes (the API answers its own JSON errors). */
export function errorPages(ctx: AppContext, parts: ErrorPageParts) {
  return new Elysia({ name: "amarktai.errors" }).onError({ as: "global" }, async ({ code, error, request }) => {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/api/")) return;
    if (code === "NOT_FOUND") {
      const firstRun = parts.firstRunRedirect(path);
      if (firstRun) return redirect(request, firstRun);
      if (isHtmx(request))
        return htmlPage(`<div class="notice notice-error" role="alert">Not found: nothing is at this address.</div>`, 404);
      return htmlPage(await parts.notFound(path, viewerOf(ctx, request)), 404);
    }
    if (code === "VALIDATION" || code === "PARSE") return;
    if (error instanceof ActionRefused) {
      if (isHtmx(request))
        return htmlPage(
          `<div class="notice notice-error" role="alert">${escapeHtml(error.message)} <a href="${escapeHtml(error.link.href)}">${escapeHtml(error.link.label)}</a></div>`,
          403,
        );
      return htmlPage(await parts.actionRefused(error.message, error.link, viewerOf(ctx, request)), 403);
    }
    const reference = crypto.randomUUID().slice(0, 8);
    ctx.log.error(
      `http: ${request.method} ${path} failed (reference ${reference}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    if (isHtmx(request))
      return htmlPage(
        `<div class="notice notice-error" role="alert">Something went wrong on the server (reference ${reference}). Try again; if it keeps happening, tell your administrator.</div>`,
        500,
      );
    return htmlPage(await parts.serverError(reference, viewerOf(ctx, request)), 500);
  });
}
