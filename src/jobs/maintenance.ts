import type { AppContext } from "../app/context";

/** Checkpoints the WAL into the database file and lets SQLite refresh its query statistics. */
export function checkpointAndOptimize(ctx: AppContext): string {
  const cp = ctx.db.$client.query("PRAGMA wal_checkpoint(TRUNCATE)").get() as { busy: number; log: number; checkpointed: number } | null;
  ctx.db.$client.run("PRAGMA optimize");
  return `WAL checkpoint: ${cp ? `${cp.checkpointed} page(s) written${cp.busy ? ", database busy" : ""}` : "done"}; optimize done.`;
}
