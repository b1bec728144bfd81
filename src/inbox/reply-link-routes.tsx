import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { describeLinkProblem } from "../links/store";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { ReplyLinkConfirmPage, ReplyLinkResultPage } from "../../views/inbox/reply-link";
import { queueReply } from "./reply-job";
import { commentAsText, consumeReplyToken, currentDraftOf, draftHash, peekReplyToken, type ReplyLink } from "./reply-links";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};

const CHANGED =
  "The drafted reply changed since this link was sent (or the comment was answered), so nothing was sent. Open the inbox to see the reply it has now.";

function page(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: HEADERS });
}

function problemPage(message: string, status = 410): Response {
  return page(<ReplyLinkResultPage title="This link cannot be used" message={message} ok={false} />, status);
}

/** A signed-in visitor who is not the link's owner may not use it (someone forwarded a mail). */
function wrongAccount(auth: { user: { id: number } } | null, link: ReplyLink): boolean {
  return auth !== null && auth.user.id !== link.userId;
}

/** The comment's draft now, when it is still the exact text the link was made for. */
function sameDraft(ctx: AppContext, link: ReplyLink) {
  const now = currentDraftOf(ctx, link.userId, link.commentId);
  return now && draftHash(now.draft) === link.draftHash ? now : undefined;
}

/**
 * One-tap "send this reply" links from the digests, with the rules of approval links: GET (and HEAD) only shows
 * the comment and the reply; POST sends it once through the reply journal. Used, expired, tampered or foreign
 * links, and links whose draft changed since, show a sentence and send nothing.
 */
export function replyLinkRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/links/reply/:token", ({ params, auth }) => {
      const peek = peekReplyToken(ctx, params.token);
      if ("problem" in peek) return problemPage(describeLinkProblem(peek.problem));
      if (wrongAccount(auth, peek))
        return problemPage("This link belongs to another account. Nothing was sent. Sign out first if it is yours.", 403);
      const now = sameDraft(ctx, peek);
      if (!now) return problemPage(CHANGED, 409);
      const c = now.row.comment;
      return page(
        <ReplyLinkConfirmPage
          platformLabel={PLATFORM_RULES[c.platform as PlatformId]?.label ?? c.platform}
          authorName={commentAsText(c.authorName, 80)}
          comment={commentAsText(c.text, 2000)}
          draft={now.draft}
          postUrl={`/links/reply/${params.token}`}
          csrf={auth?.session.csrfToken}
        />,
      );
    })
    .post("/links/reply/:token", ({ params, auth }) => {
      const peek = peekReplyToken(ctx, params.token);
      if ("problem" in peek) return problemPage(describeLinkProblem(peek.problem));
      if (wrongAccount(auth, peek)) return problemPage("This link belongs to another account. Nothing was sent.", 403);
      if (!sameDraft(ctx, peek)) return problemPage(CHANGED, 409);
      const used = consumeReplyToken(ctx, params.token);
      if ("problem" in used) return problemPage(describeLinkProblem(used.problem));
      const now = sameDraft(ctx, used);
      if (!now) return problemPage(CHANGED, 409);
      const r = queueReply(ctx, used.userId, used.commentId, now.draft);
      if ("problem" in r) return problemPage(`${r.problem} Nothing was sent.`, 409);
      return page(
        <ReplyLinkResultPage title="Reply on its way" message="Your reply is being sent. The inbox shows when it is posted." ok={true} />,
      );
    });
}
