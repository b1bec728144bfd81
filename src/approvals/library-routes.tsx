import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { findItemForUser, itemHistory, listContent, listWebappNames, type ContentFilter } from "../content/store";
import { CONTENT_STATES, type ContentState } from "../model/content-states";
import { sessionPlugin } from "../http/session";
import { ItemDetailPage } from "../../views/content/detail";
import { LibraryPage } from "../../views/content/library";
import { collectionOf, snapshotsOf } from "../metrics/store";
import { parseId } from "./form";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function html(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** Reads the library's filters from the query string, ignoring values that are not valid. */
export function parseFilter(q: Record<string, string | undefined>): ContentFilter {
  return {
    webappId: parseId(q.app ?? ""),
    platform: q.platform || undefined,
    status: (CONTENT_STATES as readonly string[]).includes(q.status ?? "") ? (q.status as ContentState) : undefined,
    from: DATE.test(q.from ?? "") ? q.from : undefined,
    to: DATE.test(q.to ?? "") ? q.to : undefined,
  };
}

/** The content library (/content) and item detail with history (/content/:id). */
export function libraryRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/content", ({ auth, query }) => {
      const a = auth!;
      const filter = parseFilter(query);
      return html(
        <LibraryPage
          user={a.user}
          csrf={a.session.csrfToken}
          unread={a.unread}
          rows={listContent(ctx.db, a.user.id, filter)}
          filter={filter}
          apps={listWebappNames(ctx.db, a.user.id)}
        />,
      );
    })
    .get("/content/:id", ({ auth, params }) => {
      const a = auth!;
      const id = parseId(params.id);
      const item = id !== undefined ? findItemForUser(ctx.db, a.user.id, id) : undefined;
      if (!item)
        return html(
          <p>
            This item was not found. It may belong to another account. <a href="/content">Back to the library</a>
          </p>,
          404,
        );
      const app = listWebappNames(ctx.db, a.user.id).find((w) => w.id === item.webappId);
      return html(
        <ItemDetailPage
          user={a.user}
          csrf={a.session.csrfToken}
          unread={a.unread}
          item={item}
          webappName={app?.name ?? "?"}
          history={itemHistory(ctx.db, item.id)}
          metrics={{ snapshots: snapshotsOf(ctx.db, item.id), collection: collectionOf(ctx.db, item.id) }}
        />,
      );
    });
}
