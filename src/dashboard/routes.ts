import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { DashboardPage, UpcomingPage } from "../../views/dashboard/pages";
import { dashboardCounts } from "./store";
import { UPCOMING_SECTIONS } from "./upcoming";

/** /dashboard with real counts, and an honest page for each section not built yet. */
export function dashboardRoutes(ctx: AppContext) {
  let app = new Elysia().use(sessionPlugin(ctx)).get("/dashboard", ({ auth }) =>
    DashboardPage({
      user: auth!.user,
      csrf: auth!.session.csrfToken,
      unread: auth!.unread,
      counts: dashboardCounts(ctx.db, auth!.user.id, ctx.clock.now()),
    }),
  );
  for (const section of UPCOMING_SECTIONS) {
    app = app.get(section.path, ({ auth }) =>
      UpcomingPage({ user: auth!.user, csrf: auth!.session.csrfToken, unread: auth!.unread, section }),
    );
  }
  return app;
}
