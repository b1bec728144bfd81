import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { PLATFORM_IDS } from "../platforms/ids";
import { createAdapters } from "../publishing/adapters";
import { InboxPage } from "../../views/inbox/page";
import { draftsFor } from "./draft";
import { moderateComment } from "./moderate";
import { queueReply } from "./reply-job";
import { type InboxFilter, inboxCount, listInbox, setCommentState, webappChoices } from "./store";

const SHOWS = ["needs_reply", "question", "complaint", "spam", "all"] as const;

/** The inbox filter from a query string (unknown values are ignored, not errors: it is a link people share). */
export function filterFromQuery(q: Record<string, string | undefined>): InboxFilter {
  const n = (v?: string) => (v && /^\d{1,7}$/.test(v) ? Number(v) : undefined);
  return {
    webappId: n(q.app),
    platform: PLATFORM_IDS.includes(q.platform as never) ? q.platform : undefined,
    show: SHOWS.includes(q.show as never) ? (q.show as InboxFilter["show"]) : undefined,
    unansweredHours: n(q.hours),
    beforeId: n(q.before),
  };
}

const html = (body: unknown, status = 200) =>
  new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });

/** /inbox and its actions: the page, the navigation's count, done/reopen, reply, like and hide. */
export function inboxRoutes(ctx: AppContext) {
  const deps = { adapters: createAdapters(ctx) };
  const back = (request: Request, notice?: string) => {
    const from = new URL(request.headers.get("referer") ?? "/inbox", "http://x");
    const to = new URLSearchParams(from.pathname === "/inbox" ? from.search : "");
    if (notice) to.set("notice", notice);
    else to.delete("notice");
    return redirect(request, `/inbox${to.size ? `?${to}` : ""}`);
  };
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/inbox", ({ auth, query }) => {
      const a = auth!;
      const filter = filterFromQuery(query);
      const rows = listInbox(ctx.db, a.user.id, filter, ctx.clock.now());
      return html(
        InboxPage({
          user: a.user,
          csrf: a.session.csrfToken,
          unread: a.unread,
          rows,
          filter,
          webapps: webappChoices(ctx.db, a.user.id),
          drafts: draftsFor(ctx, rows),
          notice: typeof query.notice === "string" ? query.notice.slice(0, 300) : undefined,
        }),
      );
    })
    .get("/inbox/count", ({ auth }) => {
      const n = inboxCount(ctx.db, auth!.user.id);
      return html(n > 0 ? `<span class="badge count" aria-label="${n} waiting">${n > 99 ? "99+" : n}</span>` : "");
    })
    .post(
      "/inbox/comments/:id/state",
      ({ auth, params, body, request }) => {
        const ok = setCommentState(ctx.db, auth!.user.id, Number(params.id), body.state);
        return ok ? back(request) : html("There is no such comment.", 404);
      },
      {
        params: t.Object({ id: t.Numeric() }),
        body: t.Object({ _csrf: t.Optional(t.String()), state: t.Union([t.Literal("done"), t.Literal("new")]) }),
      },
    )
    .post(
      "/inbox/comments/:id/reply",
      ({ auth, params, body, request }) => {
        const r = queueReply(ctx, auth!.user.id, Number(params.id), body.text);
        if ("problem" in r) return back(request, r.problem);
        return back(request, r.reply.phase === "prepared" ? "Reply queued: it is sent in a moment." : "This reply was already sent.");
      },
      { params: t.Object({ id: t.Numeric() }), body: t.Object({ _csrf: t.Optional(t.String()), text: t.String({ maxLength: 20_000 }) }) },
    )
    .post(
      "/inbox/comments/:id/:action",
      async ({ auth, params, request }) => {
        const r = await moderateComment(ctx, deps, auth!.user.id, Number(params.id), params.action);
        if ("problem" in r) return r.notFound ? html(r.problem, 404) : back(request, r.problem);
        return back(request, params.action === "like" ? "Liked." : "Hidden on the platform.");
      },
      { params: t.Object({ id: t.Numeric(), action: t.Union([t.Literal("like"), t.Literal("hide")]) }) },
    );
}
