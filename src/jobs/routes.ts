import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { ScheduleRow, SchedulesPage } from "../../views/jobs/schedules-page";
import { RunNotFoundPage } from "../../views/pipeline/runs-page";
import type { Scheduler } from "./schedules";

/** /schedules (admins only): last and next run of each schedule of `scheduler`, and "Run now". */
export function schedulesRoutes(ctx: AppContext, scheduler: Scheduler) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/schedules", ({ auth, set, query }) => {
      const a = auth!;
      if (a.user.role !== "admin") {
        set.status = 404;
        return RunNotFoundPage({ user: a.user, csrf: a.session.csrfToken });
      }
      const notice = typeof query.ran === "string" ? `Ran "${query.ran}".` : undefined;
      return SchedulesPage({ user: a.user, csrf: a.session.csrfToken, schedules: scheduler.status(), notice });
    })
    .post("/schedules/:name/run", async ({ auth, params, request, set }) => {
      const a = auth!;
      const outcome = a.user.role === "admin" ? await scheduler.runNow(params.name) : undefined;
      if (!outcome) {
        set.status = 404;
        return RunNotFoundPage({ user: a.user, csrf: a.session.csrfToken });
      }
      if (!isHtmx(request)) return redirect(request, `/schedules?ran=${encodeURIComponent(params.name)}`);
      return ScheduleRow({ s: scheduler.status().find((s) => s.name === params.name)!, csrf: a.session.csrfToken });
    });
}
