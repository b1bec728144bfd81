import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { batchesByIds } from "../content/store";
import { sessionPlugin } from "../http/session";
import { describeLinkProblem } from "../links/store";
import { findUserById } from "../users/store";
import { LinkConfirmPage, LinkResultPage } from "../../views/approvals/link-confirm";
import { actOnBatch } from "./actions";
import { consumeBatchToken, peekBatchToken, type BatchLink } from "./links";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};

function page(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: HEADERS });
}

function problemPage(message: string, status = 410): Response {
  return page(<LinkResultPage title="This link cannot be used" message={message} ok={false} />, status);
}

/** A signed-in visitor who is not the link's owner may not use it (someone forwarded a mail). */
function wrongAccount(auth: { user: { id: number } } | null, link: BatchLink): boolean {
  return auth !== null && auth.user.id !== link.userId;
}

/**
 * One-tap approval links: GET (and HEAD, which mail scanners send) only shows what will happen;
 * POST acts once. Used, expired, tampered or foreign links show a clear page and change nothing.
 */
export function linkRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/links/:token", ({ params, auth }) => {
      const peek = peekBatchToken(ctx, params.token, "email");
      if ("problem" in peek) return problemPage(describeLinkProblem(peek.problem));
      if (wrongAccount(auth, peek))
        return problemPage("This link belongs to another account. Nothing was changed. Sign out first if it is yours.", 403);
      const group = batchesByIds(ctx.db, peek.userId, [peek.batchId])[0];
      const user = findUserById(ctx.db, peek.userId);
      if (!group || !user) return problemPage(describeLinkProblem("unknown"));
      if (!group.items.some((i) => i.status === "pending_approval")) {
        return page(
          <LinkResultPage
            title="Nothing to do"
            message={`Nothing waits for approval in ${group.webappName}'s batch of ${group.batch.localDate} any more. This link was not used.`}
            ok={true}
          />,
        );
      }
      return page(
        <LinkConfirmPage
          action={peek.action}
          group={group}
          timezone={user.timezone}
          postUrl={`/links/${params.token}`}
          csrf={auth?.session.csrfToken}
        />,
      );
    })
    .post("/links/:token", ({ params, auth }) => {
      const peek = peekBatchToken(ctx, params.token, "email");
      if ("problem" in peek) return problemPage(describeLinkProblem(peek.problem));
      if (wrongAccount(auth, peek)) return problemPage("This link belongs to another account. Nothing was changed.", 403);
      const used = consumeBatchToken(ctx, params.token, "email");
      if ("problem" in used) return problemPage(describeLinkProblem(used.problem));
      const result = actOnBatch(ctx, used.userId, used.batchId, used.action, { userId: used.userId, channel: "email" });
      if (!result) return problemPage(describeLinkProblem("unknown"));
      const verb = used.action === "approve" ? "approved" : "rejected";
      const message =
        result.changed === 0
          ? "Nothing was waiting for approval in this batch; nothing changed."
          : `${result.changed} post${result.changed === 1 ? " was" : "s were"} ${verb}.`;
      return page(<LinkResultPage title={used.action === "approve" ? "Approved" : "Rejected"} message={message} ok={true} />);
    });
}
