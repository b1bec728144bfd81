import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { NotFoundPage } from "../../views/errors/pages";
import { WorkersPage, WorkersPanel } from "../../views/admin/workers";
import { workersOverview, type WorkersRuntime } from "./status";

/** /admin/workers (admins only; others get the not-found page as on /schedules) and its live part for htmx. */
export function workersRoutes(ctx: AppContext, rt: WorkersRuntime) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/admin/workers", async ({ auth, set, path }) => {
      const a = auth!;
      const viewer = { user: a.user, csrf: a.session.csrfToken, unread: a.unread };
      if (a.user.role !== "admin") {
        set.status = 404;
        return NotFoundPage({ path, viewer });
      }
      set.headers["cache-control"] = "no-store";
      return WorkersPage({ ...viewer, o: await workersOverview(ctx, rt) });
    })
    .get("/admin/workers/panel", async ({ auth, set, path }) => {
      const a = auth!;
      if (a.user.role !== "admin") {
        set.status = 404;
        return NotFoundPage({ path, viewer: { user: a.user, csrf: a.session.csrfToken, unread: a.unread } });
      }
      set.headers["cache-control"] = "no-store";
      return WorkersPanel({ o: await workersOverview(ctx, rt), zone: a.user.timezone });
    });
}
