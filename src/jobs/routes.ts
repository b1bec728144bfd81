import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { ScheduleRow, SchedulesPage, type ScheduleWords } from "../../views/jobs/schedules-page";
import { NotFoundPage } from "../../views/errors/pages";
import type { Scheduler } from "./schedules";

/** /schedules (admins only): last and next run of each schedule of `scheduler`, and "Run now". */
export function schedulesRoutes(ctx: AppContext, scheduler: Scheduler) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/schedules", ({ auth, set, query, path }) => {
      const a = auth!;
      if (a.user.role !== "admin") {
        set.status = 404;
        return NotFoundPage({ path, viewer: { user: a.user, csrf: a.session.csrfToken, unread: a.unread } });
      }
      const notice = typeof query.ran === "string" ? `Ran "${query.ran}".` : undefined;
      const words = wordsFor(ctx, a.user.timezone);
      return SchedulesPage({ user: a.user, csrf: a.session.csrfToken, unread: a.unread, schedules: scheduler.status(), notice, words });
    })
    .post("/schedules/:name/run", async ({ auth, params, request, set, path }) => {
      const a = auth!;
      const outcome = a.user.role === "admin" ? await scheduler.runNow(params.name) : undefined;
      if (!outcome) {
        set.status = 404;
        return NotFoundPage({ path, viewer: { user: a.user, csrf: a.session.csrfToken, unread: a.unread } });
      }
      if (!isHtmx(request)) return redirect(request, `/schedules?ran=${encodeURIComponent(params.name)}`);
      const s = scheduler.status().find((x) => x.name === params.name)!;
      return ScheduleRow({ s, csrf: a.session.csrfToken, words: wordsFor(ctx, a.user.timezone) });
    });
}

function wordsFor(ctx: AppContext, zone: string): ScheduleWords {
  return { zone, now: ctx.clock.now(), nightlyTime: ctx.config.pipeline.nightly_time };
}
