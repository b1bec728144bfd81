import type { AppContext } from "../app/context";
import { recordEvent } from "../content/state";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { PlatformError, type PostMetrics } from "../platforms/types";
import type { ConnectionRow } from "../publishing/connections";
import { backoff } from "../publishing/limits";
import { SYSTEM } from "../publishing/outcome";
import { readingAfter } from "./cadence";
import { clearRefusal, type DueItem, lastSnapshot, markRemoved, postpone, recordProblem, recordReading, recordRefusal } from "./store";
import { checkCounters } from "./validate";

/** What one collection run did, for the CLI and the schedule's run record. */
export interface CollectReport {
  enrolled: number;
  read: number;
  problems: number;
  removed: number;
  refused: number;
  waiting: number;
  followers: number;
}

/** A platform's name for people. */
export const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;
const FAILURE_BASE_MS = 5 * 60_000;
const FAILURE_MAX_MS = 6 * 3600_000;

/**
 * Stores a chunk's answers in one transaction. Returns what to do with the account's remaining items when an
 * answer stops the run for the whole account (a refusal, a rate limit), else undefined.
 */
export function storeAnswers(
  ctx: AppContext,
  random: (() => number) | undefined,
  report: CollectReport,
  row: ConnectionRow,
  name: string,
  chunk: DueItem[],
  answers: Map<number, PostMetrics | PlatformError>,
): ((item: DueItem) => void) | undefined {
  const now = ctx.clock.now();
  let stop: ((item: DueItem) => void) | undefined;
  ctx.db.transaction(
    () => {
      let good = false;
      let withheld: PostMetrics["withheld"];
      for (const item of chunk) {
        const a = answers.get(item.itemId)!;
        if (!(a instanceof PlatformError)) {
          good = storeReading(ctx, report, item, a, now) || good;
          withheld ??= a.withheld;
          continue;
        }
        if (a.kind === "not_found") {
          const reason = `removed on ${label(item.platform)}`;
          markRemoved(ctx.db, item.itemId, reason, now);
          recordEvent(ctx.db, item.itemId, SYSTEM, "metrics.removed", `${reason}: ${a.message}; its numbers are no longer read`, now);
          report.removed++;
        } else if (a.kind === "forbidden") {
          recordRefusal(ctx.db, row.id, a.message, a.needs ?? "", now);
          const text = refusalText(name, a.message, a.needs ?? "");
          ctx.log.warn(`metrics: ${text}`);
          stop = (other) => problem(ctx, report, other, text, nextReading(other, now), { as: "refused" });
          stop(item);
        } else if (a.kind === "rate_limited") {
          // A short wait: the account's posts are asked again when the window resets, with no problem recorded.
          const until = a.retryAt && a.retryAt > now ? a.retryAt : new Date(now.getTime() + 15 * 60_000);
          stop = (other) => {
            postpone(ctx.db, other.itemId, until);
            report.waiting++;
          };
          stop(item);
        } else if (a.kind === "daily_cap") {
          // A quota used up (YouTube's daily units, X's monthly post cap): the posts say so and wait for the reset.
          const until = a.retryAt && a.retryAt > now ? a.retryAt : new Date(now.getTime() + 6 * 3600_000);
          const text = `${name}: ${a.message}; the numbers are read again after ${until.toISOString()}`;
          stop = (other) => problem(ctx, report, other, text, until, { as: "waiting" });
          stop(item);
        } else failed(ctx, random, report, item, a);
      }
      // Some counters withheld (a scope missing for them): the readings are kept and the Platforms page says what to add.
      if (withheld && !stop) recordRefusal(ctx.db, row.id, withheld.reason, withheld.needs, now, true);
      else if (good) clearRefusal(ctx.db, row.id);
    },
    { behavior: "immediate" },
  );
  return stop;
}

/** Checks and appends one reading; a reading that fails the check keeps the last good one and records the problem. */
function storeReading(ctx: AppContext, report: CollectReport, item: DueItem, m: PostMetrics, now: Date): boolean {
  const checked = checkCounters(m, lastSnapshot(ctx.db, item.itemId));
  if ("problem" in checked) {
    problem(
      ctx,
      report,
      item,
      `${label(item.platform)} answered garbage for post ${item.remoteId}: ${checked.problem}`,
      nextReading(item, now),
    );
    return false;
  }
  recordReading(ctx.db, item, checked.counters, now, readingAfter(item.publishedAt, now));
  report.read++;
  return true;
}

/** A transient failure: try again after a growing wait (never past the end of the schedule). */
export function failed(ctx: AppContext, random: (() => number) | undefined, report: CollectReport, item: DueItem, e: PlatformError): void {
  const now = ctx.clock.now();
  const wait = backoff(item.failures + 1, FAILURE_BASE_MS, FAILURE_MAX_MS, random);
  const retry = new Date(now.getTime() + wait);
  const end = readingAfter(item.publishedAt, now);
  problem(ctx, report, item, `reading ${label(item.platform)} failed: ${e.message}`, end ? retry : undefined, { countFailure: true });
}

/**
 * Records a problem on the item, counted in the report under `as` (default "problems"); the item's history gets
 * one line per new problem, not one per try.
 */
export function problem(
  ctx: AppContext,
  report: CollectReport,
  item: DueItem,
  text: string,
  next: Date | undefined,
  o: { countFailure?: boolean; as?: "problems" | "refused" | "waiting" } = {},
): void {
  const now = ctx.clock.now();
  report[o.as ?? "problems"]++;
  if (recordProblem(ctx.db, item.itemId, text, now, next, { countFailure: o.countFailure })) {
    recordEvent(ctx.db, item.itemId, SYSTEM, "metrics.problem", text, now);
    ctx.log.warn(`metrics: item #${item.itemId}: ${text}`);
  }
}

/** The sentence a permanent refusal shows on the account's posts. */
export function refusalText(name: string, reason: string, needs: string): string {
  return `${name} does not give post metrics to this app: ${reason}${needs ? ` (needs: ${needs})` : ""}. Reconnect it on the Platforms page after adding that.`;
}

/** The item's next reading on its schedule after `now`, or undefined when the schedule is over. */
export function nextReading(item: DueItem, now: Date): Date | undefined {
  return readingAfter(item.publishedAt, now);
}
