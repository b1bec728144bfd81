import type { AppContext } from "../app/context";
import { recordEvent } from "../content/state";
import type { PlatformId } from "../db/schema/webapps";
import { PLATFORM_RULES } from "../platforms/rules";
import { type Connection, type PlatformAdapter, PlatformError, type PostMetrics } from "../platforms/types";
import { type ConnectionRow, connectionFor, getConnectionRow, openConnection } from "../publishing/connections";
import { toPlatformError } from "../publishing/engine";
import { backoff } from "../publishing/limits";
import { SYSTEM } from "../publishing/outcome";
import { refreshConnection } from "../publishing/refresh";
import { readingAfter } from "./cadence";
import { collectFollowers } from "./followers";
import { remoteIdFromUrl } from "./permalink";
import {
  clearRefusal,
  collectingItem,
  type DueItem,
  dueItems,
  enroll,
  lastSnapshot,
  markRemoved,
  postpone,
  recordProblem,
  recordReading,
  recordRefusal,
  refusalOf,
  unenrolledItems,
} from "./store";
import { checkCounters } from "./validate";

/** The adapters metrics are read through (those publishing uses) and a jitter source for backoff. */
export interface CollectDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
  random?: () => number;
}

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

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;
const FAILURE_BASE_MS = 5 * 60_000;
const FAILURE_MAX_MS = 6 * 3600_000;
// Ids read concurrently per chunk where a platform reads one post per call (Instagram, Facebook, LinkedIn).
const SINGLE_CHUNK = 8;

/**
 * Reads the metrics of every published item that is due (or only `itemId`, whatever its schedule), one
 * reading per item appended to its history, then each account's follower count once a day. Problems never
 * throw: they are recorded on the item (once) or on the connection (permanent refusals).
 */
export async function collectMetrics(ctx: AppContext, deps: CollectDeps, opts: { itemId?: number } = {}): Promise<CollectReport> {
  const report: CollectReport = { enrolled: 0, read: 0, problems: 0, removed: 0, refused: 0, waiting: 0, followers: 0 };
  report.enrolled = enrollPublished(ctx);
  const now = ctx.clock.now();
  const due = opts.itemId !== undefined ? [collectingItem(ctx.db, opts.itemId)].filter((i) => i !== undefined) : dueItems(ctx.db, now);
  for (const [connectionId, items] of byConnection(ctx, due)) {
    const adapter = deps.adapters[items[0]!.platform as PlatformId];
    const row = connectionId === undefined ? undefined : getConnectionRow(ctx, connectionId);
    if (!adapter?.fetchMetrics || !row) {
      const why = !adapter?.fetchMetrics
        ? `${label(items[0]!.platform)} gives no post metrics to this app`
        : `${label(items[0]!.platform)} is not connected; connect the account on the Platforms page to read this post's numbers`;
      for (const item of items) problem(ctx, report, item, why, nextReading(item, now));
      continue;
    }
    await collectAccount(ctx, deps, report, row, adapter, items);
  }
  if (opts.itemId === undefined) report.followers = await collectFollowers(ctx, deps.adapters, now);
  return report;
}

/** Puts newly published items on the schedule: the platform's id from the publish, or from the address of a post marked as posted by hand. */
function enrollPublished(ctx: AppContext): number {
  const rows = unenrolledItems(ctx.db).map((i) => {
    const remoteId = i.remoteId ?? (i.permalink ? remoteIdFromUrl(i.platform, i.permalink) : undefined);
    const first = readingAfter(i.publishedAt, i.publishedAt);
    const base = { itemId: i.itemId, userId: i.userId, platform: i.platform, publishedAt: i.publishedAt };
    if (remoteId) return { ...base, remoteId, state: "collecting" as const, nextDueAt: first };
    const why = i.permalink
      ? `${label(i.platform)} cannot read a post by its address (${i.permalink}), so its numbers are not collected`
      : "the post has no id on the platform, so its numbers are not collected";
    return { ...base, remoteId: null, state: "unreadable" as const, problem: why, problemAt: ctx.clock.now() };
  });
  enroll(ctx.db, rows);
  return rows.length;
}

/** Due items grouped by the account they are read through: the one they were published with, else the one the user posts with. */
function byConnection(ctx: AppContext, items: DueItem[]): [number | undefined, DueItem[]][] {
  const groups = new Map<string, { connectionId?: number; items: DueItem[] }>();
  const chosen = new Map<string, number | undefined>();
  for (const item of items) {
    let id = item.journalConnectionId ?? undefined;
    if (id === undefined) {
      const key = `${item.userId}:${item.platform}`;
      if (!chosen.has(key)) chosen.set(key, connectionFor(ctx, item.userId, item.platform)?.id);
      id = chosen.get(key);
    }
    const key = id === undefined ? `none:${item.platform}` : `c:${id}`;
    const g = groups.get(key);
    if (g) g.items.push(item);
    else groups.set(key, { connectionId: id, items: [item] });
  }
  return [...groups.values()].map((g) => [g.connectionId, g.items]);
}

async function collectAccount(
  ctx: AppContext,
  deps: CollectDeps,
  report: CollectReport,
  row: ConnectionRow,
  adapter: PlatformAdapter,
  items: DueItem[],
): Promise<void> {
  const now = ctx.clock.now();
  const name = `${label(row.platform)} account ${row.accountName}`;
  const refusal = refusalOf(ctx.db, row.id);
  // A refusal stands until the account is reconnected (or its tokens renewed with new scopes).
  if (refusal && refusal.refusedAt >= row.updatedAt) {
    for (const item of items) refuse(ctx, report, item, refusalText(name, refusal.reason, refusal.needs), now);
    return;
  }
  if (row.status === "reconnect_needed") {
    for (const item of items)
      problem(
        ctx,
        report,
        item,
        `${name} needs to be reconnected on the Platforms page before its numbers can be read`,
        nextReading(item, now),
      );
    return;
  }
  let conn: Connection;
  try {
    if (row.expiresAt && row.expiresAt.getTime() - now.getTime() < 2 * 60_000)
      row = await refreshConnection(ctx, adapter, row.id, 2 * 60_000);
    conn = openConnection(ctx, row);
  } catch (e) {
    for (const item of items) failed(ctx, deps, report, item, toPlatformError(e));
    return;
  }
  const size = adapter.fetchMetricsBatch ? (adapter.metricsBatchSize ?? 1) : SINGLE_CHUNK;
  let refreshed = false;
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    let answers = await readChunk(adapter, conn, chunk);
    if (!refreshed && [...answers.values()].some((a) => a instanceof PlatformError && a.kind === "auth_expired")) {
      // The platform says the token expired before we thought: renew it once and ask again.
      refreshed = true;
      try {
        conn = openConnection(ctx, await refreshConnection(ctx, adapter, row.id, Number.POSITIVE_INFINITY));
        answers = await readChunk(adapter, conn, chunk);
      } catch (e) {
        for (const item of chunk) answers.set(item.itemId, toPlatformError(e));
      }
    }
    const stop = store(ctx, deps, report, row, name, chunk, answers);
    if (stop) {
      // A refusal or a rate limit covers the account's other posts too: they wait with the same reason.
      for (const item of items.slice(i + size)) stop(item);
      return;
    }
  }
}

/** Each item's answer: its counters, or the error the platform gave for it. */
async function readChunk(adapter: PlatformAdapter, conn: Connection, chunk: DueItem[]): Promise<Map<number, PostMetrics | PlatformError>> {
  const out = new Map<number, PostMetrics | PlatformError>();
  if (adapter.fetchMetricsBatch) {
    try {
      const got = await adapter.fetchMetricsBatch(
        conn,
        chunk.map((i) => i.remoteId),
      );
      for (const item of chunk)
        out.set(
          item.itemId,
          got.get(item.remoteId) ?? new PlatformError("not_found", `${label(item.platform)} no longer lists post ${item.remoteId}`),
        );
    } catch (e) {
      for (const item of chunk) out.set(item.itemId, toPlatformError(e));
    }
    return out;
  }
  const settled = await Promise.allSettled(chunk.map((item) => adapter.fetchMetrics!(conn, item.remoteId)));
  chunk.forEach((item, i) => {
    const s = settled[i]!;
    out.set(item.itemId, s.status === "fulfilled" ? s.value : toPlatformError(s.reason));
  });
  return out;
}

/**
 * Stores a chunk's answers in one transaction. Returns what to do with the account's remaining items when an
 * answer stops the run for the whole account (a refusal, a rate limit), else undefined.
 */
function store(
  ctx: AppContext,
  deps: CollectDeps,
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
      for (const item of chunk) {
        const a = answers.get(item.itemId)!;
        if (!(a instanceof PlatformError)) {
          good = storeReading(ctx, report, item, a, now) || good;
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
          stop = (other) => refuse(ctx, report, other, text, now);
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
          stop = (other) => {
            problem(ctx, report, other, text, until);
            report.waiting++;
          };
          stop(item);
        } else failed(ctx, deps, report, item, a);
      }
      if (good) clearRefusal(ctx.db, row.id);
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
function failed(ctx: AppContext, deps: CollectDeps, report: CollectReport, item: DueItem, e: PlatformError): void {
  const now = ctx.clock.now();
  const wait = backoff(item.failures + 1, FAILURE_BASE_MS, FAILURE_MAX_MS, deps.random);
  const retry = new Date(now.getTime() + wait);
  const end = readingAfter(item.publishedAt, now);
  problem(ctx, report, item, `reading ${label(item.platform)} failed: ${e.message}`, end ? retry : undefined, true);
}

/** Records a problem on the item; its history gets one line per new problem, not one per try. */
function problem(ctx: AppContext, report: CollectReport, item: DueItem, text: string, next: Date | undefined, countFailure = false): void {
  const now = ctx.clock.now();
  report.problems++;
  if (recordProblem(ctx.db, item.itemId, text, now, next, { countFailure })) {
    recordEvent(ctx.db, item.itemId, SYSTEM, "metrics.problem", text, now);
    ctx.log.warn(`metrics: item #${item.itemId}: ${text}`);
  }
}

function refuse(ctx: AppContext, report: CollectReport, item: DueItem, text: string, now: Date): void {
  report.refused++;
  problem(ctx, report, item, text, nextReading(item, now));
  report.problems--;
}

function refusalText(name: string, reason: string, needs: string): string {
  return `${name} does not give post metrics to this app: ${reason}${needs ? ` (needs: ${needs})` : ""}. Reconnect it on the Platforms page after adding that.`;
}

function nextReading(item: DueItem, now: Date): Date | undefined {
  return readingAfter(item.publishedAt, now);
}
