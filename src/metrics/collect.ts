import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import { type Connection, type PlatformAdapter, PlatformError, type PostMetrics } from "../platforms/types";
import { type ConnectionRow, connectionFor, getConnectionRow, openConnection } from "../publishing/connections";
import { toPlatformError } from "../publishing/engine";
import { refreshConnection } from "../publishing/refresh";
import { type CollectReport, failed, label, nextReading, problem, refusalText, storeAnswers } from "./answers";
import { readingAfter } from "./cadence";
import { collectFollowers } from "./followers";
import { remoteIdFromUrl } from "./permalink";
import { itemToRead, type DueItem, dueItems, enroll, refusalOf, unenrolledItems } from "./store";

/** The adapters metrics are read through (those publishing uses) and a jitter source for backoff. */
export interface CollectDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
  random?: () => number;
}

/** What one collection run did. */
export type { CollectReport };
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
  const due = opts.itemId !== undefined ? [itemToRead(ctx.db, opts.itemId)].filter((i) => i !== undefined) : dueItems(ctx.db, now);
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
  // A refusal stands until the account is reconnected (or its tokens renewed with new scopes); a partial one lets the rest be read.
  if (refusal && !refusal.partial && refusal.refusedAt >= row.updatedAt) {
    const text = refusalText(name, refusal.reason, refusal.needs);
    for (const item of items) problem(ctx, report, item, text, nextReading(item, now), { as: "refused" });
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
    for (const item of items) failed(ctx, deps.random, report, item, toPlatformError(e));
    return;
  }
  const renewal = { done: false };
  const size = adapter.fetchMetricsBatch ? (adapter.metricsBatchSize ?? 1) : SINGLE_CHUNK;
  for (let i = 0; i < items.length; i += size) {
    const chunk = items.slice(i, i + size);
    const answers = await readChunkRenewing(ctx, adapter, row, chunk, conn, renewal);
    conn = answers.conn;
    const stop = storeAnswers(ctx, deps.random, report, row, name, chunk, answers.byItem);
    if (stop) {
      // A refusal or a rate limit covers the account's other posts too: they wait with the same reason.
      for (const item of items.slice(i + size)) stop(item);
      return;
    }
  }
}

/** Reads a chunk; when the platform says the token expired (before we thought), renews it once per run and asks again. */
async function readChunkRenewing(
  ctx: AppContext,
  adapter: PlatformAdapter,
  row: ConnectionRow,
  chunk: DueItem[],
  conn: Connection,
  renewal: { done: boolean },
): Promise<{ byItem: Map<number, PostMetrics | PlatformError>; conn: Connection }> {
  const byItem = await readChunk(adapter, conn, chunk);
  const expired = [...byItem.values()].some((a) => a instanceof PlatformError && a.kind === "auth_expired");
  if (!expired || renewal.done) return { byItem, conn };
  renewal.done = true;
  try {
    const fresh = openConnection(ctx, await refreshConnection(ctx, adapter, row.id, Number.POSITIVE_INFINITY));
    return { byItem: await readChunk(adapter, fresh, chunk), conn: fresh };
  } catch (e) {
    for (const item of chunk) byItem.set(item.itemId, toPlatformError(e));
    return { byItem, conn };
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
