import { collectMetrics } from "../../metrics/collect";
import { collectionOf } from "../../metrics/store";
import { createAdapters } from "../../publishing/adapters";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

/** `metrics:collect [--item ID]`: reads the metrics that are due now (or one item's, whatever its schedule) and prints what happened. */
export const metricsCollect: CliCommand = {
  name: "metrics:collect",
  summary: "read the post metrics that are due now (or one item's now) and each account's follower count",
  usage: "[--item ID]",
  async run(argv, out) {
    const { flags } = parseFlags("metrics:collect", argv, { item: { type: "string" } });
    const itemId = flags.item === undefined ? undefined : Number(flags.item);
    if (itemId !== undefined && (!Number.isSafeInteger(itemId) || itemId < 1))
      throw new CliError("metrics:collect: --item must be an item id (a whole number)", 2);
    const ctx = openCliContext(argv);
    try {
      const r = await collectMetrics(ctx, { adapters: createAdapters(ctx) }, { itemId });
      if (itemId !== undefined) {
        const state = collectionOf(ctx.db, itemId);
        if (!state) throw new CliError(`metrics:collect: item #${itemId} is not a published post`, 1);
        if (r.read === 0) throw new CliError(`metrics:collect: item #${itemId}: ${state.problem ?? `nothing read (${state.state})`}`, 1);
      }
      out.print(
        `metrics:collect: ${r.read} reading(s) stored, ${r.problems} problem(s), ${r.removed} removed on their platform, ${r.refused} refused by the platform, ${r.waiting} waiting for a rate limit; ${r.followers} follower count(s); ${r.enrolled} new post(s) scheduled`,
      );
    } finally {
      ctx.close();
    }
  },
};
