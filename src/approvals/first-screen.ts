/** What the cut looks at: batches in page order with their items' ids and states (full rows or the queue's outline). */
type Queue = { batch: { id: number }; items: { id: number; status: string }[] }[];

/** Cards rendered in full on the approval page before any scrolling: about a screenful on a laptop. */
export const FIRST_SCREEN_CARDS = 6;

/** Cards fetched per "more" request as the person scrolls (htmx `revealed`) or per "Show more" click without JS. */
export const MORE_CARDS_PAGE = 12;

/** How a batch's section is cut: its first `visible` cards are in the page, the rest behind a "more" link. */
export interface BatchCut {
  visible: number;
  /** The queue position of the batch's first card left out (for the next "show more" page). */
  at: number;
  /** The no-JS "show more" page: the approval page with that many more cards, scrolled to the first new one. */
  showMoreHref: string;
  /** The ids of the cards left out, in page order (the "more" placeholder fetches them). */
  hiddenIds: number[];
  /** How many of those wait for approval (the batch's count includes them). */
  hiddenWaiting: number;
}

/**
 * How many cards the page renders (in queue order, batch after batch): `requested` (the `show` query of the no-JS
 * "show more" link) or the first screenful, and always up to `focusItemId` (the card a no-JS action went back to).
 */
export function cardsToShow(groups: Queue, requested: number | undefined, focusItemId?: number): number {
  let show = Math.max(FIRST_SCREEN_CARDS, requested ?? 0);
  if (focusItemId !== undefined) {
    let index = 0;
    for (const g of groups)
      for (const item of g.items) {
        if (item.id === focusItemId) show = Math.max(show, index + 1);
        index++;
      }
  }
  return show;
}

/** Each batch's cut when the page shows its first `show` cards; batches shown whole are left out. */
export function cutBatches(groups: Queue, show: number): Map<number, BatchCut> {
  const cuts = new Map<number, BatchCut>();
  let before = 0;
  for (const g of groups) {
    const visible = Math.max(0, Math.min(g.items.length, show - before));
    if (visible < g.items.length) {
      const hidden = g.items.slice(visible);
      cuts.set(g.batch.id, {
        visible,
        at: before + visible,
        showMoreHref: showMoreHref(before + visible, hidden[0]!.id),
        hiddenIds: hidden.map((i) => i.id),
        hiddenWaiting: hidden.filter((i) => i.status === "pending_approval").length,
      });
    }
    before += g.items.length;
  }
  return cuts;
}

/** The no-JS page showing the cards up to queue position `at` and a page more, scrolled to `firstItemId`. */
export function showMoreHref(at: number, firstItemId: number): string {
  return `/approval?show=${at + MORE_CARDS_PAGE}#item-${firstItemId}`;
}

/** Parses the `show` query (a card count), or undefined when absent or not a small positive number. */
export function parseShow(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d{1,5}$/.test(raw) ? Number(raw) : undefined;
}

/** Parses the comma-separated item ids a "more" request stands for (at most 1,000, each once, first order kept), or undefined when malformed. */
export function parseIdList(raw: string | undefined): number[] | undefined {
  if (!raw || !/^\d{1,15}(,\d{1,15}){0,999}$/.test(raw)) return undefined;
  // A hand-made URL may repeat an id: each card is rendered once.
  return [...new Set(raw.split(",").map(Number))];
}
