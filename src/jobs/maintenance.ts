import { and, eq, lt } from "drizzle-orm";
import type { AppContext } from "../app/context";
import { contentItems } from "../db/schema/content";
import { transition } from "../content/state";

/** Checkpoints the WAL into the database file and lets SQLite refresh its query statistics. */
export function checkpointAndOptimize(ctx: AppContext): string {
  const cp = ctx.db.$client.query("PRAGMA wal_checkpoint(TRUNCATE)").get() as { busy: number; log: number; checkpointed: number } | null;
  ctx.db.$client.run("PRAGMA optimize");
  return `WAL checkpoint: ${cp ? `${cp.checkpointed} page(s) written${cp.busy ? ", database busy" : ""}` : "done"}; optimize done.`;
}

/** Expires items still waiting for approval after `pipeline.pending_expiry_days`. */
export function expireStalePending(ctx: AppContext): string {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - ctx.config.pipeline.pending_expiry_days * 86_400_000);
  const stale = ctx.db
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(and(eq(contentItems.status, "pending_approval"), lt(contentItems.createdAt, cutoff)))
    .all();
  let n = 0;
  for (const { id } of stale) {
    if (transition(ctx.db, id, "expired", { userId: null, channel: "system" }, { from: ["pending_approval"], detail: `Not approved within ${ctx.config.pipeline.pending_expiry_days} days.`, now })) n++;
  }
  return `${n} item(s) expired.`;
}
