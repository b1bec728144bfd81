import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { stripeEvents } from "../db/schema/operator";

/** What applying one webhook event did. */
export type EventOutcome = "applied" | "stale" | "ignored";

/** Claims an event id before applying it; false when it was seen before (Stripe sends events at least once). */
export function claimEvent(db: Db, id: string, type: string, now: Date): boolean {
  return (
    db
      .insert(stripeEvents)
      .values({ id, type, outcome: "ignored", receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id })
      .all().length === 1
  );
}

/** Records what applying a claimed event did. */
export function setEventOutcome(db: Db, id: string, outcome: EventOutcome): void {
  db.update(stripeEvents).set({ outcome }).where(eq(stripeEvents.id, id)).run();
}
