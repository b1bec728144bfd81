import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { approvalQueueOutline, batchesByIds, findItemForUser, itemsByIds } from "../content/store";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { CardWork, CharCount, ItemCard, cardIsWorking, type CardFlash } from "../../views/approvals/card";
import { renderProgress } from "../media/job";
import { ApprovalPage, BatchCount, BatchSection, MoreCards, type CardExtras } from "../../views/approvals/page";
import { FIRST_SCREEN_CARDS, MORE_CARDS_PAGE, cardsToShow, cutBatches, parseIdList, parseShow, showMoreHref } from "./first-screen";
import { postingAccounts, type CardAccount } from "./account-store";
import { CardCache } from "./card-cache";
import { ApprovalPageCache } from "./page-cache";
import {
  actOnBatch,
  approveItem,
  approveItems,
  confirmClaims,
  editItem,
  heldNote,
  pendingRegenerations,
  regenerate,
  rejectItem,
  undoableRejectAll,
  undoRejectAll,
  type ActionResult,
  type BulkResult,
} from "./actions";
import { parseHashtags } from "./edit";
import { threadFormInput } from "./edit-thread";
import { field, fields, listField, parseId } from "./form";
import { localDate } from "../lib/zoned-time";
import type { BatchWithItems } from "../content/types";

type Signed = NonNullable<Auth>;

/** One card cache per running app (tests run several apps, each with its own database). */
const cardCaches = new WeakMap<AppContext, CardCache>();

/** The approval cards kept for this app: the page's cards come from here (tests and benchmarks read its counts). */
export function approvalCardCache(ctx: AppContext): CardCache {
  let cache = cardCaches.get(ctx);
  if (!cache) cardCaches.set(ctx, (cache = new CardCache()));
  return cache;
}

/** The viewer's cards of these batches, reused from the cache when nothing on them changed. */
function renderedCards(
  ctx: AppContext,
  auth: Signed,
  groups: BatchWithItems[],
  queued: Map<number, string[]>,
  accounts: Map<string, CardAccount>,
): Map<number, string> {
  const cache = approvalCardCache(ctx);
  const csrf = Bun.escapeHTML(auth.session.csrfToken);
  const out = new Map<number, string>();
  for (const g of groups)
    for (const item of g.items)
      out.set(
        item.id,
        cache.card(
          auth.user.id,
          { item, timezone: auth.user.timezone, queued: queued.get(item.id) ?? [], account: accounts.get(item.platform) ?? null },
          csrf,
        ),
      );
  return out;
}

/** One page cache per running app. */
const pageCaches = new WeakMap<AppContext, ApprovalPageCache>();

/** The approval pages kept for this app (tests and benchmarks read its counts). */
export function approvalPageCache(ctx: AppContext): ApprovalPageCache {
  let cache = pageCaches.get(ctx);
  if (!cache) pageCaches.set(ctx, (cache = new ApprovalPageCache()));
  return cache;
}

/** The plain approval page (no flash, no refused edit, first screenful), reused while nothing on it changed (page-cache.ts). */
function plainPage(ctx: AppContext, auth: Signed): Response {
  const now = ctx.clock.now();
  const html = approvalPageCache(ctx).page(
    ctx.db,
    {
      sessionId: auth.session.id,
      viewer: JSON.stringify([auth.user, auth.unread]),
      day: localDate(now, auth.user.timezone),
    },
    now,
    () => {
      let until = Number.POSITIVE_INFINITY;
      const html = pageHtml(ctx, auth, {}, {}, (undo) => {
        for (const end of undo.values()) until = Math.min(until, end.getTime());
      });
      return { html, until };
    },
  );
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
}

/** Which cards a view of the page renders: the first screenful, more with `show`, always up to `focus` (a no-JS action's card). */
interface PageCut {
  show?: number;
  focus?: number;
}

function page(ctx: AppContext, auth: Signed, extras: Partial<CardExtras> = {}, status = 200, want: PageCut = {}): Response {
  return new Response(pageHtml(ctx, auth, extras, want), { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

function pageHtml(
  ctx: AppContext,
  auth: Signed,
  extras: Partial<CardExtras>,
  want: PageCut,
  undoShown: (undo: Map<number, Date>) => void = () => {},
): string {
  const outline = approvalQueueOutline(ctx.db, auth.user.id, localDate(ctx.clock.now(), auth.user.timezone));
  const focus = want.focus ?? extras.edit?.itemId ?? extras.flash?.itemId;
  const cuts = cutBatches(outline, cardsToShow(outline, want.show, focus));
  // Only the cards in the page are read in full: the rest come by "more" requests as the person scrolls.
  const shownIds = outline.flatMap((g) => g.items.slice(0, cuts.get(g.batch.id)?.visible).map((i) => i.id));
  const rows = new Map(itemsByIds(ctx.db, auth.user.id, shownIds).map((i) => [i.id, i]));
  const groups: BatchWithItems[] = outline.map((g) => ({
    ...g,
    items: g.items.slice(0, cuts.get(g.batch.id)?.visible).flatMap((e) => rows.get(e.id) ?? []),
  }));
  const queued = pendingRegenerations(ctx.db, shownIds);
  const accounts = postingAccounts(ctx.db, auth.user.id);
  const undo = undoableRejectAll(
    ctx,
    auth.user.id,
    groups.map((g) => g.batch.id),
  );
  undoShown(undo);
  return ApprovalPage({
    user: auth.user,
    csrf: auth.session.csrfToken,
    groups,
    extras: {
      queued,
      accounts,
      cards: renderedCards(ctx, auth, groups, queued, accounts),
      cuts,
      undo,
      ...extras,
    },
    unread: auth.unread,
  }) as string;
}

/** The next page of a batch's cards a "more" placeholder stands for (by id, in page order), and a placeholder for the rest. */
function moreCards(ctx: AppContext, auth: Signed, batchId: number | undefined, ids: number[] | undefined, at: number): Response {
  const group = batchId !== undefined && ids ? batchesByIds(ctx.db, auth.user.id, [batchId])[0] : undefined;
  if (!group || !ids)
    return htmlResponse(
      <p class="notice notice-error more-cards" role="alert">
        These posts are no longer here. Reload the page.
      </p>,
      404,
    );
  const byId = new Map(group.items.map((i) => [i.id, i]));
  const wanted = ids.filter((id) => byId.has(id));
  const items = wanted.slice(0, MORE_CARDS_PAGE).map((id) => byId.get(id)!);
  const rest = wanted.slice(MORE_CARDS_PAGE);
  const queued = pendingRegenerations(
    ctx.db,
    items.map((i) => i.id),
  );
  const cards = renderedCards(ctx, auth, [{ ...group, items }], queued, postingAccounts(ctx.db, auth.user.id));
  const next = at + items.length;
  return htmlResponse(
    <>
      {items.map((i) => cards.get(i.id) as "safe")}
      {rest.length > 0 ? <MoreCards batchId={group.batch.id} ids={rest} at={next} href={showMoreHref(next, rest[0]!)} /> : ""}
    </>,
  );
}

/** Where a no-JS action goes back to: the card on the approval page, with enough cards shown to hold it. */
function backToCard(ctx: AppContext, auth: Signed, itemId: number): string {
  const groups = approvalQueueOutline(ctx.db, auth.user.id, localDate(ctx.clock.now(), auth.user.timezone));
  const show = cardsToShow(groups, undefined, itemId);
  return show > FIRST_SCREEN_CARDS ? `/approval?show=${show}#item-${itemId}` : `/approval#item-${itemId}`;
}

function htmlResponse(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

const OK_TEXT: Record<string, [string, string]> = {
  approve: ["Approved.", "Already approved; nothing changed."],
  reject: ["Rejected.", "Already rejected; nothing changed."],
  edit: ["Saved.", "No changes to save."],
  "regenerate-copy": ["New copy queued; it appears here when the writer is done.", "New copy is already queued."],
  "regenerate-media": ["New media queued; it appears here when rendering is done.", "New media is already queued."],
  "confirm-claims": ["Confirmed: the claims are yours now, and the post can be approved with the others.", "Nothing to confirm."],
};

/** Answers an item action: the updated card for htmx, a redirect (or the page with the message) without JS. */
function respond(ctx: AppContext, auth: Signed, request: Request, action: string, result: ActionResult, body: unknown): Response {
  if (!result.ok && result.code === "not_found")
    return htmlResponse(
      <p class="notice notice-error" role="alert" safe>
        {result.message}
      </p>,
      404,
    );
  const item = result.item!;
  const status = result.ok ? 200 : result.code === "invalid" ? 422 : 409;
  const flash: CardFlash = result.ok
    ? { kind: "ok", text: OK_TEXT[action]![result.changed ? 0 : 1] }
    : { kind: "error", text: result.message };
  const edit =
    !result.ok && action === "edit"
      ? {
          itemId: item.id,
          state: {
            error: result.message,
            values: {
              caption: field(body, "caption"),
              hashtags: field(body, "hashtags"),
              title: field(body, "title"),
              plannedAt: field(body, "plannedAt"),
              ...threadFormInput(body),
            },
          },
        }
      : undefined;
  if (!isHtmx(request)) {
    if (result.ok) return redirect(request, backToCard(ctx, auth, item.id));
    return page(ctx, auth, { edit, flash: edit ? undefined : { itemId: item.id, flash } }, status);
  }
  const queued = pendingRegenerations(ctx.db, [item.id]).get(item.id);
  const group = item.batchId !== null ? batchesByIds(ctx.db, auth.user.id, [item.batchId])[0] : undefined;
  return htmlResponse(
    <>
      <ItemCard
        item={item}
        csrf={auth.session.csrfToken}
        timezone={auth.user.timezone}
        queued={queued}
        edit={edit?.state}
        flash={edit ? undefined : flash}
        account={postingAccounts(ctx.db, auth.user.id).get(item.platform) ?? null}
      />
      {group ? <BatchCount group={group} oob /> : ""}
    </>,
    status,
  );
}

function bulkNotice(action: string, r: BulkResult): CardFlash {
  if (action === "undo_reject_all")
    return r.changed === 0
      ? { kind: "error", text: "Nothing to undo: the 10 minutes have passed, or the posts moved on." }
      : { kind: "ok", text: `Put ${r.changed} post${r.changed === 1 ? "" : "s"} back to waiting for approval.` };
  const verb = action === "reject_all" ? "Rejected" : "Approved";
  if (r.changed === 0 && !r.held) return { kind: "ok", text: `Nothing was waiting; nothing changed.` };
  return {
    kind: r.held ? "error" : "ok",
    text: `${verb} ${r.changed} post${r.changed === 1 ? "" : "s"}.${r.unchanged > 0 ? ` ${r.unchanged} had already moved on.` : ""}${heldNote(r)}`,
  };
}

/** The approval page and its htmx actions (each also works as a plain form post). */
export function approvalRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/approval", ({ auth, query }) => {
      const show = parseShow(query.show);
      return show === undefined ? plainPage(ctx, auth!) : page(ctx, auth!, {}, 200, { show });
    })
    .get("/approval/batches/:id/cards", ({ auth, params, query }) =>
      moreCards(ctx, auth!, parseId(params.id), parseIdList(query.ids), parseShow(query.at) ?? 0),
    )
    .get("/approval/items/:id/progress", ({ params, auth }) => {
      const a = auth!;
      const id = parseId(params.id);
      const item = id !== undefined ? findItemForUser(ctx.db, a.user.id, id) : undefined;
      if (!item) return htmlResponse(<p class="notice notice-error">This post no longer exists. Reload the page.</p>, 404);
      const queued = pendingRegenerations(ctx.db, [item.id]).get(item.id) ?? [];
      const render = renderProgress(ctx.db, [item.id], ctx.clock.now()).get(item.id);
      if (cardIsWorking(item, queued)) return htmlResponse(<CardWork item={item} queued={queued} render={render} />);
      // Done: the whole card with its new media or copy replaces the one on the page (and its polling area).
      const card = (
        <ItemCard
          item={item}
          csrf={a.session.csrfToken}
          timezone={a.user.timezone}
          queued={queued}
          account={postingAccounts(ctx.db, a.user.id).get(item.platform) ?? null}
        />
      ) as string;
      return new Response(card, {
        headers: { "content-type": "text/html; charset=utf-8", "hx-retarget": `#item-${item.id}`, "hx-reswap": "outerHTML" },
      });
    })
    .post("/approval/items/:id/count", ({ params, body, auth }) => {
      const id = parseId(params.id);
      const item = id !== undefined ? findItemForUser(ctx.db, auth!.user.id, id) : undefined;
      if (!item) return htmlResponse(<span class="count">unknown item</span>, 404);
      return htmlResponse(
        <CharCount
          itemId={item.id}
          platform={item.platform}
          caption={field(body, "caption")}
          hashtags={parseHashtags(field(body, "hashtags"))}
        />,
      );
    })
    .post("/approval/items/:id/:action", ({ auth, params, request, body, set }) => {
      const a = auth!;
      const id = parseId(params.id);
      const actor = { userId: a.user.id, channel: "web" as const };
      if (id === undefined || !(params.action in OK_TEXT)) {
        set.status = 404;
        return "not found";
      }
      let result: ActionResult;
      if (params.action === "approve") result = approveItem(ctx, a.user.id, id, actor);
      else if (params.action === "reject") result = rejectItem(ctx, a.user.id, id, field(body, "reason"), actor);
      else if (params.action === "edit")
        result = editItem(
          ctx,
          a.user.id,
          id,
          {
            caption: field(body, "caption"),
            hashtags: field(body, "hashtags"),
            title: field(body, "title"),
            plannedAt: field(body, "plannedAt"),
            slides: listField(body, "slide"),
            ...threadFormInput(body),
          },
          a.user.timezone,
          actor,
        );
      else if (params.action === "confirm-claims") result = confirmClaims(ctx, a.user.id, id, actor);
      else result = regenerate(ctx, a.user.id, id, params.action === "regenerate-copy" ? "copy" : "media", actor);
      return respond(ctx, a, request, params.action, result, body);
    })
    .post("/approval/batches/:id/bulk", ({ auth, params, request, body }) => {
      const a = auth!;
      const id = parseId(params.id);
      const action = field(body, "action");
      const actor = { userId: a.user.id, channel: "web" as const };
      let result: BulkResult | undefined;
      const confirming = id !== undefined && action === "reject_all" && field(body, "confirm") !== "yes";
      if (confirming) {
        // A batch-wide reject is asked twice: this answers with the confirmation, which posts again with confirm=yes.
        const group = batchesByIds(ctx.db, a.user.id, [id])[0];
        if (group && !isHtmx(request)) return page(ctx, a, { confirmReject: id });
        if (group)
          return htmlResponse(
            <BatchSection
              group={group}
              csrf={a.session.csrfToken}
              timezone={a.user.timezone}
              extras={{
                queued: pendingRegenerations(
                  ctx.db,
                  group.items.map((i) => i.id),
                ),
                accounts: postingAccounts(ctx.db, a.user.id),
                confirmReject: id,
              }}
            />,
          );
      } else if (id !== undefined && action === "undo_reject_all") {
        result = undoRejectAll(ctx, a.user.id, id, actor);
      } else if (id !== undefined && action === "approve_selected") {
        const group = batchesByIds(ctx.db, a.user.id, [id])[0];
        const inBatch = new Set(group?.items.map((i) => i.id) ?? []);
        result = group
          ? approveItems(
              ctx,
              a.user.id,
              fields(body, "ids")
                .map(Number)
                .filter((n) => inBatch.has(n)),
              actor,
            )
          : undefined;
      } else if (id !== undefined && (action === "approve_all" || action === "reject_all")) {
        result = actOnBatch(ctx, a.user.id, id, action === "approve_all" ? "approve" : "reject", actor, field(body, "reason"));
      }
      if (!result)
        return htmlResponse(
          <p class="notice notice-error" role="alert">
            That batch was not found, or the action is unknown. Reload the page.
          </p>,
          404,
        );
      if (!isHtmx(request)) return redirect(request, `/approval#batch-${id}`);
      const group = batchesByIds(ctx.db, a.user.id, [id!])[0]!;
      const queued = pendingRegenerations(
        ctx.db,
        group.items.map((i) => i.id),
      );
      const accounts = postingAccounts(ctx.db, a.user.id);
      const notice =
        action === "approve_selected" && result.changed + result.unchanged === 0
          ? { kind: "error" as const, text: "Select at least one post first." }
          : bulkNotice(action, result);
      return htmlResponse(
        <BatchSection
          group={group}
          csrf={a.session.csrfToken}
          timezone={a.user.timezone}
          extras={{
            queued,
            accounts,
            cards: renderedCards(ctx, a, [group], queued, accounts),
            undo: undoableRejectAll(ctx, a.user.id, [id!]),
          }}
          notice={notice}
        />,
      );
    });
}
