import { html } from "@elysiajs/html";
import { Elysia } from "elysia";
import { join, normalize } from "node:path";
import type { AppContext } from "../app/context";
import { healthRoutes } from "../health/routes";
import { platformRoutes } from "../platforms/routes";
import { csrfProblem, isHtmx, isPublicPath, redirect } from "./guard";
import { sessionPlugin } from "./session";

/** Paths anyone may reach without a session. Everything else needs one (the API checks its own Bearer tokens). */
export const PUBLIC_ROUTES = ["/healthz", "/public/", "/setup", "/login", "/reset", "/reset/", "/invite/", "/links/", "/api/"] as const;

/** Assembles every route of the app in one visible place. */
export function createApp(ctx: AppContext) {
  const session = sessionPlugin(ctx);
  return new Elysia()
    .use(html({ autoDetect: true }))
    .use(session)
    .onBeforeHandle({ as: "global" }, ({ request, auth, body, set }) => {
      const path = new URL(request.url).pathname;
      if (path.startsWith("/api/")) return;
      const problem = csrfProblem(ctx, request, auth, body);
      if (problem) {
        set.status = 403;
        return isHtmx(request) ? `<div class="notice notice-error" role="alert">${problem}</div>` : problem;
      }
      if (!auth && !isPublicPath(path, PUBLIC_ROUTES)) return redirect(request, "/login");
    })
    .get("/public/*", ({ params, set }) => servePublic(ctx, params["*"], set))
    .use(healthRoutes(ctx))
    .use(platformRoutes(ctx));
}

/** The app's type, for tests and route modules. */
export type App = ReturnType<typeof createApp>;

const MIME: Record<string, string> = { css: "text/css; charset=utf-8", js: "text/javascript; charset=utf-8", svg: "image/svg+xml", png: "image/png", ico: "image/x-icon", woff2: "font/woff2" };

function servePublic(ctx: AppContext, rel: string, set: { status?: number | string; headers: Record<string, string | number> }) {
  const clean = normalize(rel).replace(/^(\.\.[/\\])+/, "");
  if (clean.includes("..")) {
    set.status = 404;
    return "not found";
  }
  const file = Bun.file(join(ctx.paths.public, clean));
  set.headers["cache-control"] = "public, max-age=3600";
  const ext = clean.split(".").pop() ?? "";
  if (MIME[ext]) set.headers["content-type"] = MIME[ext];
  return file.exists().then((ok) => {
    if (ok) return file;
    set.status = 404;
    return "not found";
  });
}
