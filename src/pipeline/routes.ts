import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { runCalls } from "../llm/store";
import { sessionPlugin, type Auth } from "../http/session";
import { renderProgress } from "../media/job";
import { RunBody, RunPage, type RunBodyProps } from "../../views/pipeline/run-page";
import { RunNotFoundPage, RunsPage } from "../../views/pipeline/runs-page";
import { requestRun } from "./start";
import { batchItems, findRun, findRunTarget, listRuns, listSteps } from "./store";

type SignedIn = NonNullable<Auth>;

function parseId(raw: string): number | undefined {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}

function notFound(a: SignedIn, set: { status?: number | string; headers: Record<string, string | number> }) {
  set.status = 404;
  return RunNotFoundPage({ user: a.user, csrf: a.session.csrfToken, unread: a.unread });
}

/** Run pages: a web app's runs with "Generate now", a run's timeline (live while running), outputs and posts. */
export function pipelineRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/webapps/:id/runs", ({ auth, params, set }) => {
      const a = auth!;
      const app = findRunTarget(ctx.db, parseId(params.id) ?? -1, a.user.id);
      if (!app) return notFound(a, set);
      return RunsPage({
        user: a.user,
        csrf: a.session.csrfToken,
        unread: a.unread,
        webappId: app.id,
        appName: app.name,
        runs: listRuns(ctx.db, app.id),
      });
    })
    .post("/webapps/:id/runs", ({ auth, params, request, set }) => {
      const a = auth!;
      // "Generate now" always makes a fresh batch: a new attempt when today already has one.
      const r = requestRun(ctx, { webappId: parseId(params.id) ?? -1, userId: a.user.id, force: true, trigger: "manual" });
      if (!r) return notFound(a, set);
      return redirect(request, `/runs/${r.run.id}`);
    })
    .get("/runs/:id", ({ auth, params, set }) => {
      const a = auth!;
      const body = runBody(ctx, a, params.id);
      if (!body) return notFound(a, set);
      return RunPage({ user: a.user, csrf: a.session.csrfToken, unread: a.unread, ...body });
    })
    .get("/runs/:id/progress", ({ auth, params, set }) => {
      const a = auth!;
      const body = runBody(ctx, a, params.id);
      if (!body) return notFound(a, set);
      // The live part again; once the run and its renders are over it comes without a trigger and polling stops.
      return RunBody(body);
    });
}

function runBody(ctx: AppContext, a: SignedIn, rawId: string): RunBodyProps | undefined {
  const run = findRun(ctx.db, parseId(rawId) ?? -1, a.user.id);
  const app = run && findRunTarget(ctx.db, run.webappId, a.user.id);
  if (!run || !app) return undefined;
  const items = batchItems(ctx.db, run.batchId);
  const now = ctx.clock.now();
  const working = items.filter((i) => i.mediaStatus === "waiting" || i.mediaStatus === "rendering").map((i) => i.id);
  return {
    run,
    appName: app.name,
    timezone: app.timezone,
    steps: listSteps(ctx.db, run.id),
    items,
    calls: runCalls(ctx.db, a.user.id, run.id),
    renders: renderProgress(ctx.db, working, now),
    now,
  };
}
