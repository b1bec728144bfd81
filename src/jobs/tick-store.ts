import { lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { scheduleTicks } from "../db/schema/jobs";

/** Records that `owner` runs schedule `name`'s tick at `tickAt`; true for the one caller that recorded it first. */
export function claimScheduleTick(db: Db, name: string, tickAt: Date, owner: string, now: Date): boolean {
  const row = db
    .insert(scheduleTicks)
    .values({ name, tickAt, owner, claimedAt: now })
    .onConflictDoNothing()
    .returning({ name: scheduleTicks.name })
    .get();
  return row !== undefined;
}

/** Deletes ticks claimed before `before` (a tick is only contested while its minute lasts); returns how many. */
export function deleteScheduleTicksBefore(db: Db, before: Date): number {
  return db.delete(scheduleTicks).where(lt(scheduleTicks.claimedAt, before)).returning({ name: scheduleTicks.name }).all().length;
}
