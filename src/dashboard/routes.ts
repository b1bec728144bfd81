import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { DashboardPage, UpcomingPage } from "../../views/dashboard/pages";
import { StartPage } from "../../views/dashboard/start";
import { startStep } from "./start";
import { startFacts } from "./start-store";
import { dashboardCounts } from "./store";
import { UPCOMING_SECTIONS } from "./upcoming";

/** /dashboard with real counts (and the guided start until it is done), /start, and an honest page for each section not built yet. */
export function dashboardRoutes(ctx: AppContext) {
  let app = new Elysia()
    .use(sessionPlugin(ctx))
    .get("/dashboard", ({ auth }) => {
      const counts = dashboardCounts(ctx.db, auth!.user.id, ctx.clock.now());
      // The guide's reads run only while it can still matter: before the first batch has been reviewed.
      const facts = counts.scheduled === 0 && counts.publishedLast7Days === 0 ? startFacts(ctx.db, auth!.user.id) : undefined;
      const step = facts ? startStep(facts, false) : "done";
      return DashboardPage({
        user: auth!.user,
        csrf: auth!.session.csrfToken,
        unread: auth!.unread,
        counts,
        start: facts && step !== "done" ? { step, facts } : undefined,
      });
    })
    .get("/start", ({ auth, query }) => {
      const facts = startFacts(ctx.db, auth!.user.id);
      const step = startStep(facts, query.skip === "connect");
      return StartPage({ user: auth!.user, csrf: auth!.session.csrfToken, unread: auth!.unread, step, facts });
    });
  for (const section of UPCOMING_SECTIONS) {
    app = app.get(section.path, ({ auth }) =>
      UpcomingPage({ user: auth!.user, csrf: auth!.session.csrfToken, unread: auth!.unread, section }),
    );
  }
  return app;
}
