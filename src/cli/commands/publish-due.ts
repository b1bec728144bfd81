import type { AppContext } from "../../app/context";
import { buildContext } from "../../server/boot";
import { ConfigError, describeConfigError, loadConfig } from "../../config/load";
import { parseWholeNumber } from "../../lib/decimal";
import { registerNotificationListeners } from "../../notify/listeners";
import { itemStates } from "../../content/store";
import { publishHandlers } from "../../publishing/handlers";
import { runDuePublishJobs } from "../../publishing/runner";
import { schedulePublishing } from "../../publishing/schedule";

/** What one `publish:due` run did. */
export interface PublishDueSummary {
  scheduled: number;
  ran: number;
  published: number;
  waiting: number;
  failed: number;
  needsCheck: number;
}

/** Schedules approved items that are due and runs every due publish job now. */
export async function publishDue(ctx: AppContext, concurrency = 8): Promise<PublishDueSummary> {
  const scheduled = schedulePublishing(ctx, ctx.clock.now(), 0);
  const seen: number[] = [];
  const ran = await runDuePublishJobs(ctx, publishHandlers(ctx), { concurrency, seen });
  const states = itemStates(ctx.db, seen);
  const n = (s: string) => states.filter((state) => state === s).length;
  return {
    scheduled,
    ran,
    published: n("published"),
    waiting: n("scheduled") + n("publishing"),
    failed: n("failed"),
    needsCheck: n("needs_check"),
  };
}

/**
 * `publish:due [--concurrency N] [--config PATH]`: runs due publish jobs now and prints what happened.
 * Exit 0 when nothing failed, 1 when an item failed or needs a check, 2 on bad input.
 */
export async function publishDueCommand(args: string[]): Promise<number> {
  const i = args.indexOf("--concurrency");
  const concurrency = i >= 0 ? parseWholeNumber(args[i + 1] ?? "") : 8;
  if (concurrency === undefined || concurrency < 1 || concurrency > 64) {
    console.error("publish:due: --concurrency must be a whole number from 1 to 64");
    return 2;
  }
  let ctx: AppContext;
  try {
    ctx = buildContext(loadConfig(args).config);
    registerNotificationListeners(ctx);
  } catch (e) {
    console.error(e instanceof ConfigError ? describeConfigError(e) : `publish:due: cannot start: ${e instanceof Error ? e.message : e}`);
    return 2;
  }
  try {
    const s = await publishDue(ctx, concurrency);
    console.log(
      `publish:due: ${s.ran} job(s) ran: ${s.published} published, ${s.waiting} waiting (caps, rate limits or retries), ${s.failed} failed, ${s.needsCheck} need a check`,
    );
    if (s.failed + s.needsCheck > 0) {
      console.error(`publish:due: ${s.failed + s.needsCheck} item(s) need attention; see the Platforms page for the reasons`);
      return 1;
    }
    return 0;
  } catch (e) {
    console.error(`publish:due: ${e instanceof Error ? e.message : e}`);
    return 1;
  } finally {
    ctx.db.$client.close();
  }
}
