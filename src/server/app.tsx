import { html } from "@elysiajs/html";
import { escapeHtml } from "@kitajs/html";
import { Elysia } from "elysia";
import { securityHeaders } from "../http/security-headers";
import { join, normalize } from "node:path";
import type { AppContext } from "../app/context";
import { approvalApiRoutes } from "../approvals/api";
import { libraryRoutes } from "../approvals/library-routes";
import { linkRoutes } from "../approvals/link-routes";
import { approvalRoutes } from "../approvals/routes";
import { settingsRoutes as approvalSettingsRoutes } from "../approvals/settings-routes";
import { healthRoutes } from "../health/routes";
import { usageRoutes } from "../llm/routes";
import { notificationRoutes } from "../notify/routes";
import { telegramWebhookRoutes } from "../notify/telegram-webhook";
import { apiRoutes } from "./api";
import { dashboardRoutes } from "../dashboard/routes";
import { schedulesRoutes } from "../jobs/routes";
import { Scheduler } from "../jobs/schedules";
import { SCHEDULES } from "../server/schedules";
import { pipelineRoutes } from "../pipeline/routes";
import { webappsRoutes } from "../webapps/routes";
import { authRoutes } from "../auth/routes";
import { firstRunRedirect } from "../auth/first-run";
import { loginUrlFor } from "../auth/next";
import { inviteRoutes } from "../auth/invite-routes";
import { resetRoutes } from "../auth/reset-routes";
import { settingsRoutes } from "../settings/routes";
import { tokensRoutes } from "../settings/tokens-routes";
import { boxSettingsRoutes } from "../settings/box-routes";
import { usersRoutes } from "../settings/users-routes";
import { teamRoutes } from "../settings/team-routes";
import { errorPages, htmlPage } from "../http/errors";
import { ActionRefusedPage, NotFoundPage, RefusedPage, ServerErrorPage } from "../../views/errors/pages";
import { setBrand } from "../../views/layout/brand";
import { layoutBrand } from "../operator/brand";
import { mediaRoutes } from "../media/routes";
import { platformRoutes } from "../connections/routes";
import { csrfProblem, isHtmx, isPublicPath, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { clickRoutes } from "../clicks/routes";
import { analyticsRoutes } from "../analytics/routes";
import { reportRoutes } from "../reports/routes";
import { publicOperatorRoutes } from "../operator/landing-routes";
import { signupRoutes } from "../auth/signup-routes";
import { operatorAccountRoutes } from "../operator/account-routes";
import { billingRoutes } from "../billing/routes";
import { learningRoutes } from "../learning/routes";
import { inboxRoutes } from "../inbox/routes";
import { composerRoutes } from "../composer/routes";
import { calendarRoutes } from "../calendar/routes";
import { exportRoutes } from "../exports/routes";

import { replyLinkRoutes } from "../inbox/reply-link-routes";
import { workersRoutes } from "../admin/routes";
import { workersRuntimeOf } from "../admin/status";
import type { WorkerRegistry } from "../admin/registry";
import type { JobQueue } from "../jobs/queue/port";
import { ROLE_KINDS } from "./roles";

/** Paths anyone may reach without a session. Everything else needs one (the API checks its own Bearer tokens). */
export const PUBLIC_ROUTES = [
  "/healthz",
  "/public/",
  "/setup",
  "/login",
  "/reset",
  "/reset/",
  "/invite/",
  "/links/",
  "/api/",
  "/telegram/webhook",
  "/signed-media/",
  "/r/",
] as const;

/** Paths also public in operator mode (operator.enabled): the landing page, pricing, sign-up and Stripe's webhook. */
export const OPERATOR_PUBLIC_ROUTES = ["/", "/pricing", "/operator/theme.css", "/signup", "/signup/", "/billing/webhook"] as const;

/** Every domain's routes, in the order they are mounted. */
const ROUTE_MODULES: ((ctx: AppContext) => Elysia<any, any, any, any, any, any, any>)[] = [
  healthRoutes,
  usageRoutes,
  approvalRoutes,
  approvalSettingsRoutes,
  libraryRoutes,
  notificationRoutes,
  linkRoutes,
  replyLinkRoutes,
  approvalApiRoutes,
  telegramWebhookRoutes,
  dashboardRoutes,
  webappsRoutes,
  apiRoutes,
  authRoutes,
  resetRoutes,
  inviteRoutes,
  settingsRoutes,
  tokensRoutes,
  boxSettingsRoutes,
  usersRoutes,
  teamRoutes,
  pipelineRoutes,
  (ctx) => schedulesRoutes(ctx, new Scheduler(ctx, SCHEDULES)),
  mediaRoutes,
  platformRoutes,
  clickRoutes,
  analyticsRoutes,
  reportRoutes,
  publicOperatorRoutes,
  signupRoutes,
  operatorAccountRoutes,
  billingRoutes,
  learningRoutes,
  inboxRoutes,
  composerRoutes,
  calendarRoutes,
  exportRoutes,
];

/**
 * Assembles every route of the app in one visible place. `shared` is a distributed web role's queue and worker
 * registry (for /admin/workers); a single box reads its own SQLite queue and itself.
 */
export function createApp(ctx: AppContext, shared?: { queue: JobQueue; registry: WorkerRegistry }) {
  setBrand(layoutBrand(ctx.config));
  const session = sessionPlugin(ctx);
  const publicRoutes: readonly string[] = ctx.config.operator.enabled ? [...PUBLIC_ROUTES, ...OPERATOR_PUBLIC_ROUTES] : PUBLIC_ROUTES;
  const app = new Elysia()
    .use(securityHeaders())
    .use(html({ autoDetect: true }))
    .use(
      errorPages(ctx, {
        firstRunRedirect: (path) => firstRunRedirect(ctx, path),
        notFound: (path, viewer) => <NotFoundPage path={path} viewer={viewer} />,
        serverError: (reference, viewer) => <ServerErrorPage reference={reference} viewer={viewer} />,
        actionRefused: (message, link, viewer) => <ActionRefusedPage message={message} link={link} viewer={viewer} />,
      }),
    )
    .use(session)
    .onBeforeHandle({ as: "global" }, ({ request, path, auth, body, set }) => {
      if (path.startsWith("/api/")) return;
      const problem = csrfProblem(ctx, request, auth, body);
      if (problem) {
        set.status = 403;
        if (isHtmx(request)) return `<div class="notice notice-error" role="alert">${escapeHtml(problem)}</div>`;
        const viewer = auth ? { user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread } : undefined;
        return htmlPage(RefusedPage({ reason: problem, viewer }) as string, 403);
      }
      const firstRun = firstRunRedirect(ctx, path);
      if (firstRun) return redirect(request, firstRun);
      if (!auth && !isPublicPath(path, publicRoutes))
        return redirect(request, loginUrlFor(request, [new URL(ctx.config.server.public_base_url).origin]));
    })
    .get("/public/*", ({ params, set }) => servePublic(ctx, params["*"], set));
  for (const routes of ROUTE_MODULES) app.use(routes(ctx));
  app.use(workersRoutes(ctx, workersRuntimeOf(ctx, Object.values(ROLE_KINDS).flat(), shared)));
  return app;
}

/** The app's type, for tests and route modules. */
export type App = ReturnType<typeof createApp>;

const MIME: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  woff2: "font/woff2",
};

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
