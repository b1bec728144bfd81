import { syncComments } from "../../inbox/sync";
import { syncStateOf } from "../../inbox/store";
import { createAdapters } from "../../publishing/adapters";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

/** `comments:sync [--item ID]`: reads the comments that are due now (or one post's now) and prints what happened. */
export const commentsSync: CliCommand = {
  name: "comments:sync",
  summary: "read the comments of published posts that are due now (or one item's now)",
  usage: "[--item ID]",
  async run(argv, out) {
    const { flags } = parseFlags("comments:sync", argv, { item: { type: "string" } });
    const itemId = flags.item === undefined ? undefined : Number(flags.item);
    if (itemId !== undefined && (!Number.isSafeInteger(itemId) || itemId < 1))
      throw new CliError("comments:sync: --item must be an item id (a whole number)", 2);
    const ctx = openCliContext(argv);
    try {
      const r = await syncComments(ctx, { adapters: createAdapters(ctx) }, { itemId });
      if (itemId !== undefined && !syncStateOf(ctx.db, itemId))
        throw new CliError(`comments:sync: item #${itemId} is not a published post with an id on its platform`, 1);
      for (const p of r.problems) out.print(`comments:sync: ${p}`);
      out.print(
        `comments:sync: ${r.posts} post(s) read, ${r.added} new comment(s), ${r.edited} edited, ${r.deleted} deleted on their platform, ${r.hidden} hidden as spam, ${r.waiting} waiting for a rate limit, ${r.continuing} longer than one sync's page budget (read on at the next sync)`,
      );
      if (itemId !== undefined && r.problems.length > 0) throw new CliError(`comments:sync: item #${itemId} was not read`, 1);
    } finally {
      ctx.close();
    }
  },
};
