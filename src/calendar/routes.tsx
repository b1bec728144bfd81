import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { field, parseId } from "../approvals/form";
import { isHtmx } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { formatLocal } from "../lib/format";
import { CalendarBody, CalendarPage, type CalendarFlash } from "../../views/calendar/page";
import { movePost } from "./move";
import { calendarRange } from "./range";
import { calendarItems } from "./store";

type Signed = NonNullable<Auth>;

function html(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** The calendar's content for a signed-in user: the range from the query, its posts, and an optional sentence. */
function calendarProps(ctx: AppContext, auth: Signed, query: { view?: string; date?: string }, flash?: CalendarFlash) {
  const range = calendarRange(query, ctx.clock.now(), auth.user.timezone);
  return {
    range,
    items: calendarItems(ctx.db, auth.user.id, range.from, range.to),
    timezone: auth.user.timezone,
    csrf: auth.session.csrfToken,
    flash,
  };
}

/** The calendar (/calendar?view=week|month&date=YYYY-MM-DD) and moving a post by drag or form (POST /calendar/move). */
export function calendarRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/calendar", ({ auth, query }) => {
      const a = auth!;
      return html(<CalendarPage {...calendarProps(ctx, a, query)} user={a.user} unread={a.unread} />);
    })
    .post("/calendar/move", ({ auth, body, request }) => {
      const a = auth!;
      const back = { view: field(body, "view"), date: field(body, "date") };
      const id = parseId(field(body, "item"));
      const result =
        id === undefined
          ? ({ ok: false, code: "not_found", message: "No post was chosen to move; reload the calendar and try again." } as const)
          : movePost(ctx, a.user.id, id, field(body, "plannedAt"), a.user.timezone, { userId: a.user.id, channel: "web" });
      const status = result.ok ? 200 : result.code === "not_found" ? 404 : result.code === "invalid" ? 422 : 409;
      if (result.ok && !isHtmx(request)) {
        const r = calendarRange(back, ctx.clock.now(), a.user.timezone);
        return new Response(null, { status: 303, headers: { location: `/calendar?view=${r.view}&date=${r.anchor}` } });
      }
      const flash: CalendarFlash = result.ok
        ? {
            kind: "ok",
            text: result.changed
              ? `Moved item ${result.item.id} to ${formatLocal(result.item.plannedAt!, a.user.timezone)}.`
              : `Item ${result.item.id} is already planned for that time; nothing changed.`,
          }
        : { kind: "error", text: result.message };
      const props = calendarProps(ctx, a, back, flash);
      if (isHtmx(request)) return html(<CalendarBody {...props} />, status);
      return html(<CalendarPage {...props} user={a.user} unread={a.unread} />, status);
    });
}
