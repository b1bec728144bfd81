import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { NotificationsPage } from "../../views/notify/list";
import { listNotifications, markAllRead } from "./store";

/** In-app notifications: the list and "Mark all read". */
export function notificationRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/notifications", ({ auth }) => {
      const a = auth!;
      const body = NotificationsPage({
        user: a.user,
        csrf: a.session.csrfToken,
        rows: listNotifications(ctx.db, a.user.id),
        unread: a.unread,
      }) as string;
      return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
    })
    .post("/notifications/read", ({ auth, request }) => {
      markAllRead(ctx.db, auth!.user.id, ctx.clock.now());
      return redirect(request, "/notifications");
    });
}
