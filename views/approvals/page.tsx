import type { CardAccount } from "../../src/approvals/account-store";
import type { BatchCut } from "../../src/approvals/first-screen";
import type { User } from "../../src/auth/sessions";
import type { BatchWithItems } from "../../src/content/types";
import { formatLocal } from "../../src/lib/format";
import { ExportForm } from "../exports/form";
import { Page } from "../layout/page";
import { ItemCard, type CardFlash, type EditState } from "./card";

/** Per-item extras for rendering: queued regenerations, a refused edit, a message. */
export interface CardExtras {
  queued: Map<number, string[]>;
  edit?: { itemId: number; state: EditState };
  flash?: { itemId: number; flash: CardFlash };
  /** Posting account per platform (one lookup per page); a platform missing here is not connected. */
  accounts?: Map<string, CardAccount>;
  /** Per batch, until when its last "Reject all" can be undone. */
  undo?: Map<number, Date>;
  /** The batch whose "Reject all" waits for confirmation. */
  confirmReject?: number;
  /** Cards already rendered for this viewer (HTML by item id); an item with a refused edit or a message is rendered here instead. */
  cards?: Map<number, string>;
  /** Batches shown in part (by batch id; their `items` are the rendered ones): the rest come as the person scrolls, or by "show more". */
  cuts?: Map<number, BatchCut>;
}

/**
 * Where a batch's cards not in the page yet stand: htmx fetches the next page of them when this comes into view
 * (`revealed`); without JavaScript it is a link to the approval page showing more cards, scrolled to the first new one.
 */
export function MoreCards(props: { batchId: number; ids: number[]; at: number; href: string }): JSX.Element {
  if (props.ids.length === 0) return "";
  const n = props.ids.length;
  return (
    <div
      class="more-cards"
      id={`batch-${props.batchId}-more`}
      hx-get={`/approval/batches/${props.batchId}/cards?at=${props.at}&ids=${props.ids.join(",")}`}
      hx-trigger="revealed"
      hx-swap="outerHTML"
    >
      <a href={props.href} class="button secondary" safe>
        {`Show ${n} more post${n === 1 ? "" : "s"}`}
      </a>
    </div>
  );
}

// A batch's waiting and total counts: its rendered items plus those its cut leaves for later.
function tally(group: BatchWithItems, cut: BatchCut | undefined): { waiting: number; total: number } {
  const shown = group.items.filter((i) => i.status === "pending_approval").length;
  return { waiting: shown + (cut?.hiddenWaiting ?? 0), total: group.items.length + (cut?.hiddenIds.length ?? 0) };
}

/** "n of m waiting" for a batch; `oob` makes htmx replace the header's copy after an item action. */
export function BatchCount(props: { group: BatchWithItems; oob?: boolean; cut?: BatchCut }): JSX.Element {
  const { waiting, total } = tally(props.group, props.cut);
  return (
    <span id={`batch-${props.group.batch.id}-count`} class="muted" hx-swap-oob={props.oob ? "true" : undefined} safe>
      {`${waiting} of ${total} waiting`}
    </span>
  );
}

/** One batch (one web app's day) with its bulk actions and its cards. */
export function BatchSection(props: {
  group: BatchWithItems;
  csrf: string;
  timezone: string;
  extras: CardExtras;
  notice?: CardFlash;
}): JSX.Element {
  const { batch, webappName, items } = props.group;
  const undoUntil = props.extras.undo?.get(batch.id);
  const cut = props.extras.cuts?.get(batch.id);
  const { waiting } = tally(props.group, cut);
  const action = `/approval/batches/${batch.id}/bulk`;
  return (
    <section class="batch" id={`batch-${batch.id}`} aria-labelledby={`batch-${batch.id}-title`}>
      <div class="batch-head">
        <h2 id={`batch-${batch.id}-title`}>
          <span safe>{webappName}</span>{" "}
          <span class="muted" safe>
            {`${batch.localDate}${batch.attempt > 1 ? ` · run ${batch.attempt}` : ""}${waiting > 0 ? "" : " · done"}`}
          </span>
        </h2>
        <BatchCount group={props.group} cut={cut} />
        {props.extras.confirmReject === batch.id && waiting > 0 ? (
          <form
            method="post"
            action={action}
            class="actions confirm"
            role="alertdialog"
            aria-labelledby={`batch-${batch.id}-confirm`}
            hx-post={action}
            hx-target={`#batch-${batch.id}`}
            hx-swap="outerHTML"
          >
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="confirm" value="yes" />
            <p id={`batch-${batch.id}-confirm`} safe>
              {`Reject all ${waiting} waiting post${waiting === 1 ? "" : "s"} of ${webappName}? You can undo this for 10 minutes.`}
            </p>
            <button type="submit" name="action" value="reject_all" class="danger">
              Yes, reject all
            </button>
            <a
              href={`/approval#batch-${batch.id}`}
              class="button secondary"
              hx-get="/approval"
              hx-select={`#batch-${batch.id}`}
              hx-target={`#batch-${batch.id}`}
              hx-swap="outerHTML"
            >
              Cancel
            </a>
          </form>
        ) : waiting > 0 ? (
          <form
            id={`bulk-${batch.id}`}
            method="post"
            action={action}
            class="actions"
            hx-post={action}
            hx-target={`#batch-${batch.id}`}
            hx-swap="outerHTML"
          >
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" name="action" value="approve_all">
              Approve all
            </button>
            <button type="submit" name="action" value="approve_selected" class="secondary">
              Approve selected
            </button>
            <button type="submit" name="action" value="reject_all" class="danger">
              Reject all
            </button>
          </form>
        ) : (
          ""
        )}
        {undoUntil ? (
          <form method="post" action={action} class="actions" hx-post={action} hx-target={`#batch-${batch.id}`} hx-swap="outerHTML">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" name="action" value="undo_reject_all" class="secondary" safe>
              {`Undo reject all (until ${formatLocal(undoUntil, props.timezone)})`}
            </button>
          </form>
        ) : (
          ""
        )}
        <ExportForm csrf={props.csrf} what="batch" id={batch.id} label="Download this batch's posts (zip)" />
      </div>
      {props.notice ? (
        <p class={`notice notice-${props.notice.kind}`} role={props.notice.kind === "ok" ? "status" : "alert"} safe>
          {props.notice.text}
        </p>
      ) : (
        ""
      )}
      <div class="item-grid">
        {items.map((item) => {
          const ready =
            props.extras.edit?.itemId === item.id || props.extras.flash?.itemId === item.id ? undefined : props.extras.cards?.get(item.id);
          if (ready !== undefined) return ready as "safe";
          return (
            <ItemCard
              item={item}
              csrf={props.csrf}
              timezone={props.timezone}
              queued={props.extras.queued.get(item.id)}
              edit={props.extras.edit?.itemId === item.id ? props.extras.edit.state : undefined}
              flash={props.extras.flash?.itemId === item.id ? props.extras.flash.flash : undefined}
              account={props.extras.accounts ? (props.extras.accounts.get(item.platform) ?? null) : undefined}
            />
          );
        })}
        {cut ? <MoreCards batchId={batch.id} ids={cut.hiddenIds} at={cut.at} href={cut.showMoreHref} /> : ""}
      </div>
    </section>
  );
}

/** The approval page: today's batches (and older ones still waiting) grouped by web app. */
export function ApprovalPage(props: {
  user: User;
  csrf: string;
  groups: BatchWithItems[];
  extras: CardExtras;
  unread: number;
}): JSX.Element {
  return (
    <Page title="Approval" user={props.user} csrf={props.csrf} unread={props.unread} active="approval">
      <>
        <div class="page-links actions">
          <a href="/notifications" safe>{`Notifications${props.unread > 0 ? ` (${props.unread} unread)` : ""}`}</a>
          <a href="/content">Content library</a>
          <a href="/approval/settings">Approval settings</a>
        </div>
        {props.groups.length === 0 ? (
          <div class="empty stack">
            <p class="flush">Nothing waits for approval. New posts appear here when tonight's batch is ready.</p>
            <p class="flush">
              <a class="button" href="/start">
                Make a batch now
              </a>
            </p>
          </div>
        ) : (
          props.groups.map((g) => <BatchSection group={g} csrf={props.csrf} timezone={props.user.timezone} extras={props.extras} />)
        )}
      </>
    </Page>
  );
}
