import type { CardAccount } from "./account-store";
import type { ContentItem } from "../content/types";
import type { WorkProgress } from "../lib/progress";
import { ItemCard } from "../../views/approvals/card";

/** Everything a plain card (no flash, no refused edit) is rendered from, apart from the viewer's CSRF token. */
export interface CardInput {
  item: ContentItem;
  timezone: string;
  queued: string[];
  account: CardAccount | null | undefined;
  render?: WorkProgress;
}

interface Entry {
  /** The exact inputs the card was rendered from, as text: any difference means render again. */
  fingerprint: string;
  /** The card's HTML split where the CSRF token goes. */
  parts: string[];
}

/**
 * Rendered approval cards, reused while nothing they show has changed. An entry is keyed by user and item and holds
 * the full text of the card's inputs (the item row with its media, claims, sources and state; the time zone, the
 * queued regenerations, the posting account, the render progress): a card is only reused when all of them are
 * identical, so an edit, an approval, new media, confirmed claims or a queued regeneration shows on the next view
 * whichever code path made it. Cards are rendered with a random placeholder in place of the CSRF token and the
 * viewer's own token is put in on every use, so no token is ever kept or shared. Bounded: the least recently used
 * entries go first.
 */
export class CardCache {
  private readonly entries = new Map<string, Entry>();
  private readonly placeholder = `csrf-${crypto.randomUUID()}`;
  /** Renders done and reuses, for tests and benchmarks. */
  readonly stats = { renders: 0, reuses: 0 };

  constructor(private readonly maxEntries = 5000) {}

  /** The card's HTML for this viewer: reused when its inputs are unchanged, rendered (and kept) otherwise. */
  card(userId: number, input: CardInput, csrf: string): string {
    const key = `${userId}:${input.item.id}`;
    const fingerprint = JSON.stringify([input.item, input.timezone, input.queued, input.account ?? String(input.account), input.render]);
    let entry = this.entries.get(key);
    if (entry && entry.fingerprint === fingerprint) {
      this.stats.reuses++;
      this.entries.delete(key); // re-inserted below: most recently used last
    } else {
      this.stats.renders++;
      const html = ItemCard({
        item: input.item,
        csrf: this.placeholder,
        timezone: input.timezone,
        queued: input.queued,
        account: input.account,
        render: input.render,
      }) as string;
      entry = { fingerprint, parts: html.split(this.placeholder) };
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.parts.join(csrf);
  }

  /** How many cards are kept. */
  get size(): number {
    return this.entries.size;
  }
}
