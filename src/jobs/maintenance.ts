import type { AppContext } from "../app/context";
import { checkpointWal, optimizeDatabase } from "../db/client";

/** Checkpoints the WAL into the database file and lets SQLite refresh its query statistics. */
export function checkpointAndOptimize(ctx: AppContext): string {
  const cp = checkpointWal(ctx.db);
  optimizeDatabase(ctx.db);
  return `WAL checkpoint: ${cp ? `${cp.checkpointed} page(s) written${cp.busy ? ", database busy" : ""}` : "done"}; optimize done.`;
}
