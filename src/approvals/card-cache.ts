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
  /** A copy of the exact inputs the card was rendered from: any difference means render again. */
  input: CardInput;
  /** The card's HTML split where the CSRF token goes. */
  parts: string[];
}

/**
 * Rendered approval cards, reused while nothing they show has changed. An entry is keyed by user and item and holds
 * a copy of the card's inputs (the item row with its media, claims, sources and state; the time zone, the
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
    let entry = this.entries.get(key);
    // A deep, strict comparison (dates by value, JSON columns field by field): native, and it stops at the first difference.
    if (entry && Bun.deepEquals(entry.input, input, true)) {
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
      entry = { input: structuredClone(input), parts: html.split(this.placeholder) };
    }
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    // Concatenation, not join: it links the pieces and the page is made flat once, when it is sent.
    let out = entry.parts[0]!;
    for (let i = 1; i < entry.parts.length; i++) out += csrf + entry.parts[i]!;
    return out;
  }

  /** How many cards are kept. */
  get size(): number {
    return this.entries.size;
  }
}
