import type { AppContext } from "../app/context";
import { inTransaction } from "../db/client";
import { recordEvent, transition } from "../content/state";
import type { PlatformId } from "../platforms/ids";
import type { JobContext } from "../jobs/worker";
import { JobError } from "../jobs/worker";
import { PLATFORM_RULES } from "../platforms/rules";
import { type PlatformAdapter, PlatformError, type PublishJournal, type PublishPhase } from "../platforms/types";
import { blockConnection, type ConnectionRow, connectionFor, getConnectionRow, markReconnectNeeded, openConnection } from "./connections";
import { itemMediaKeys, publishInputFor, type ItemRow } from "./input";
import { ensureLocalMedia } from "../media/storage/local";
import { bumpAttempt, createMayHaveHappened, createRefused, createsSince, getJournal, touchJournal, writePhase } from "./store";
import { backoff, blockWait, CapReached, capWait, readCaps, SLOT_LEASE_MS, type Wait } from "./limits";
import { getItem, markFailed, markManualReady, markPublished, SYSTEM } from "./outcome";
import { reconcile } from "./reconcile";
import { refreshConnection } from "./refresh";

/** The adapters the queue publishes through (only finished ones are registered) and a jitter source. */
export interface PublishDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
  random?: () => number;
}

const DAY = 24 * 60 * 60_000;
const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/**
 * Runs one "publish.item" job: checks the connection, caps and the journal, publishes through the
 * adapter, and records the outcome. Waits (caps, 429, transient errors) are thrown as retryable JobErrors
 * with retryAt; final outcomes are written to the item and the job completes.
 */
export async function publishItemJob(ctx: AppContext, deps: PublishDeps, itemId: number, jc: JobContext): Promise<void> {
  const item = getItem(ctx, itemId);
  if (!item || !["approved", "scheduled", "publishing"].includes(item.status)) return;
  const now = ctx.clock.now();
  if (item.plannedAt && item.plannedAt > now && item.status !== "publishing")
    throw new JobError(`item #${itemId} is planned later`, true, item.plannedAt);
  const adapter = deps.adapters[item.platform as PlatformId];
  const row = connectionFor(ctx, item.userId, item.platform);
  if (!adapter) {
    return markManualReady(
      ctx,
      item,
      `Publishing to ${label(item.platform)} through its API is not available in this version: download the export bundle on the Platforms page, post it by hand, then mark it as posted with its link.`,
    );
  }
  if (!row) {
    return markManualReady(
      ctx,
      item,
      `${label(item.platform)} is not connected, so this post is ready for manual posting: download the export bundle on the Platforms page, post it by hand, then mark it as posted with its link (or connect ${label(item.platform)} and press Retry).`,
    );
  }
  const journalRow = getJournal(ctx.db, itemId);
  if (journalRow?.data.remoteId)
    return markPublished(
      ctx,
      item,
      row.id,
      { remoteId: journalRow.data.remoteId, permalink: journalRow.data.permalink ?? "" },
      "published",
      jc,
    );
  if (journalRow && createMayHaveHappened(journalRow.phase)) return reconcile(ctx, deps, item, row, adapter, journalRow, jc);
  if (row.status === "reconnect_needed") {
    return markFailed(
      ctx,
      item,
      `${label(item.platform)} account ${row.accountName} needs to be reconnected (${row.lastError ?? "access was revoked"}). Reconnect it on the Platforms page, then press Retry.`,
    );
  }
  await ensureLocalMedia(ctx, itemMediaKeys(item));
  const input = publishInputFor(item, ctx.config.storage.media_dir);
  const problems = adapter.validate(input);
  if (problems.length > 0) return markFailed(ctx, item, `This post cannot go to ${label(item.platform)}: ${problems.join(" ")}`);
  try {
    await attempt(ctx, deps, item, row, adapter, input, jc);
  } catch (e) {
    if (e instanceof JobError) throw e;
    // Another job of this item started its publish first (or the post was moved away meanwhile): this one stops.
    if (e instanceof TakenElsewhere) return;
    await handleFailure(ctx, deps, item, row, toPlatformError(e));
  }
}

async function attempt(
  ctx: AppContext,
  deps: PublishDeps,
  item: ItemRow,
  row: ConnectionRow,
  adapter: PlatformAdapter,
  input: ReturnType<typeof publishInputFor>,
  jc: JobContext,
) {
  const ahead = 2 * 60_000;
  if (row.expiresAt && row.expiresAt.getTime() - ctx.clock.now().getTime() < ahead)
    row = await refreshConnection(ctx, adapter, row.id, ahead);
  const conn = openConnection(ctx, row);
  const early = blockWait(row, ctx.clock.now());
  if (early) return delay(ctx, item, early.until, `waiting: ${early.reason}`);
  // The platform's own figures are read before any transaction (an await must not hold the write lock).
  const caps = await readCaps(row, conn, adapter);
  // The caps are checked inside the first phase's write transaction (see makeJournal), before any call
  // that could post: another lane or process may take the last slot at any moment until then.
  const connectionId = row.id;
  const claim = () => capWait(ctx.db, connectionId, caps, item.id, ctx.clock.now());
  try {
    await publishNow(ctx, item, row, adapter, input, jc, conn, claim);
  } catch (e) {
    if (e instanceof CapReached) return delay(ctx, item, e.wait.until, `waiting: ${e.wait.reason}`);
    throw e;
  }
}

async function publishNow(
  ctx: AppContext,
  item: ItemRow,
  row: ConnectionRow,
  adapter: PlatformAdapter,
  input: ReturnType<typeof publishInputFor>,
  jc: JobContext,
  conn: ReturnType<typeof openConnection>,
  claim: () => Wait | undefined,
) {
  // The move to "publishing" commits with the first journal phase (every adapter writes one before its
  // first call): one fsync, and the item is never "publishing" without a journal entry or the reverse.
  const start: Opening = {
    pending: item.status !== "publishing",
    claim,
    write: () =>
      transition(ctx.db, item.id, "publishing", SYSTEM, {
        from: ["approved", "scheduled"],
        action: "publish.started",
        detail: `to ${label(item.platform)} as ${row.accountName}`,
        now: ctx.clock.now(),
      }),
  };
  const journal = makeJournal(ctx, item, row.id, jc, start);
  let post;
  try {
    post = await adapter.publish(conn, input, journal, jc.signal);
  } catch (e) {
    if (e instanceof CapReached || e instanceof TakenElsewhere) throw e;
    const pe = toPlatformError(e);
    if (pe.kind !== "auth_expired") throw pe;
    // The platform said the token expired: refresh once and try again (the create was refused, so this is safe).
    if (createMayHaveHappened(getJournal(ctx.db, item.id)?.phase ?? "")) createRefused(ctx.db, item.id, ctx.clock.now());
    row = await refreshConnection(ctx, adapter, row.id, Number.POSITIVE_INFINITY);
    conn = openConnection(ctx, row);
    post = await adapter.publish(conn, input, makeJournal(ctx, item, row.id, jc, start), jc.signal);
  }
  // markPublished records the remote id in the journal first (phase "confirmed" implies "remote id known"),
  // and completes the job in the same commit.
  markPublished(ctx, item, row.id, post, "published", jc);
}

/**
 * What rides with the first journal phase of an attempt: the move to "publishing" (`write`, while `pending`)
 * and the cap check that claims the slot (`claim`, until it passed once).
 */
interface Opening {
  pending: boolean;
  claim?: () => Wait | undefined;
  /** False when the item was no longer approved or scheduled (another attempt took it first). */
  write(): boolean;
}

/** Thrown by the first journal phase when the item left approved/scheduled since it was read: nothing was called. */
class TakenElsewhere extends Error {}

/**
 * The adapter's durable journal for one item: every phase is committed (and logged in the item's history) before the call.
 * `start` commits with the first phase.
 */
function makeJournal(ctx: AppContext, item: ItemRow, connectionId: number, jc: JobContext, start: Opening): PublishJournal {
  let data = getJournal(ctx.db, item.id)?.data ?? {};
  let touched = ctx.clock.now().getTime();
  return {
    get data() {
      return data;
    },
    async before(phase: PublishPhase, extra?: Record<string, string>) {
      const now = ctx.clock.now();
      // The phase and its history line commit together (one fsync, and never one without the other).
      // The job's lease and progress ride in the same commit (a heartbeat is a write of its own otherwise).
      // The first phase also claims the cap slot: BEGIN IMMEDIATE takes SQLite's write lock before the
      // count, so lanes and processes on this file check and write one after another, never both at once.
      data = inTransaction(ctx.db, () => {
        const full = start.claim?.();
        if (full) throw new CapReached(full);
        if (start.pending && !start.write()) throw new TakenElsewhere();
        const row = writePhase(ctx.db, item.id, connectionId, phase, extra ?? {}, now);
        recordEvent(ctx.db, item.id, SYSTEM, `publish.${phase}`, extra && Object.keys(extra).length > 0 ? JSON.stringify(extra) : "", now);
        jc.heartbeat(phase);
        return row.data;
      });
      start.pending = false;
      start.claim = undefined;
      touched = now.getTime();
    },
    heartbeat: (progress) => {
      jc.heartbeat(progress);
      // A long upload writes no phase for a while: keep its cap slot from looking abandoned.
      const now = ctx.clock.now();
      if (now.getTime() - touched < SLOT_LEASE_MS / 5) return;
      touched = now.getTime();
      touchJournal(ctx.db, item.id, now);
    },
  };
}

/** Decides what a failure means for the item: wait, reconcile, or fail with a reason. */
async function handleFailure(ctx: AppContext, deps: PublishDeps, item: ItemRow, row: ConnectionRow, e: PlatformError): Promise<void> {
  const now = ctx.clock.now();
  const journal = getJournal(ctx.db, item.id);
  const phase = journal?.phase ?? "";
  if (journal?.data.remoteId) {
    // The post exists (we know its id): a rejection while processing is final; anything else is
    // retried later, and the rerun records the known post without creating another.
    if (e.kind === "rejected") return markFailed(ctx, item, `${label(item.platform)} took the post but then refused it: ${e.message}`);
    throw new JobError(
      `post ${journal.data.remoteId} exists; finishing later: ${e.message}`,
      true,
      new Date(now.getTime() + ctx.config.publishing.reconcile_delay_seconds * 1000),
    );
  }
  if (createMayHaveHappened(phase)) {
    if (e.kind === "transient" || e.kind === "duplicate") {
      // No answer (or "already posted"): the post may exist. Look for it later, never post again blindly.
      const until = new Date(now.getTime() + ctx.config.publishing.reconcile_delay_seconds * 1000);
      recordEvent(
        ctx.db,
        item.id,
        SYSTEM,
        "publish.unknown",
        `${e.message}; checking the account's recent posts at ${until.toISOString()}`,
        now,
      );
      throw new JobError(`outcome unknown: ${e.message}`, true, until);
    }
    createRefused(ctx.db, item.id, now);
  }
  const name = `${label(item.platform)} account ${row.accountName}`;
  switch (e.kind) {
    case "auth_revoked": {
      const reason = `${name} needs to be reconnected: ${e.message}`;
      if (getConnectionRow(ctx, row.id)?.status !== "reconnect_needed") {
        markReconnectNeeded(ctx, row.id, reason, now);
        await ctx.events.emit("connection.revoked", { connectionId: row.id, userId: row.userId, platform: row.platform, reason });
      }
      return markFailed(ctx, item, `${reason} Reconnect it on the Platforms page, then press Retry.`);
    }
    case "rate_limited": {
      const attempt = nextRateLimitCount(ctx, item, row);
      const until = e.retryAt ?? new Date(now.getTime() + backoff(attempt, 60_000, 60 * 60_000, deps.random));
      blockConnection(ctx, row.id, until);
      return delay(ctx, item, until, `waiting: ${label(item.platform)} rate limit (${e.message})`);
    }
    case "daily_cap": {
      const oldest = createsSince(ctx.db, row.id, new Date(now.getTime() - DAY)).oldest;
      const until = e.retryAt ?? (oldest ? new Date(oldest.getTime() + DAY) : new Date(now.getTime() + 6 * 60 * 60_000));
      blockConnection(ctx, row.id, until);
      return delay(ctx, item, until, `waiting: the daily cap on ${label(item.platform)} is reached (${e.message})`);
    }
    case "rejected":
    case "duplicate":
      return markFailed(ctx, item, `${label(item.platform)} refused this post: ${e.message}`);
    default: {
      const n = bumpAttempt(ctx.db, item.id, row.id, now);
      if (n >= ctx.config.publishing.max_attempts) {
        return markFailed(
          ctx,
          item,
          `Publishing to ${label(item.platform)} failed ${n} times (last: ${e.message}). Press Retry to try again.`,
        );
      }
      const base = ctx.config.publishing.backoff_base_seconds * 1000;
      const until = new Date(now.getTime() + backoff(n, base, ctx.config.publishing.backoff_max_minutes * 60_000, deps.random));
      return delay(ctx, item, until, `retrying after a temporary error (${n}/${ctx.config.publishing.max_attempts}): ${e.message}`);
    }
  }
}

function nextRateLimitCount(ctx: AppContext, item: ItemRow, row: ConnectionRow): number {
  // Rate-limit waits grow with repeated 429s but do not count toward max_attempts.
  const j = getJournal(ctx.db, item.id);
  const n = Number(j?.data.rateLimited ?? 0) + 1;
  writePhase(ctx.db, item.id, row.id, (j?.phase as PublishPhase | undefined) ?? "prepared", { rateLimited: String(n) }, ctx.clock.now());
  return n;
}

/** Puts the item back to scheduled (history says why) and asks the queue to run the job again at `until`. */
function delay(ctx: AppContext, item: ItemRow, until: Date, why: string): never {
  const now = ctx.clock.now();
  const detail = `${why}; next try ${until.toISOString()}`;
  const moved = transition(ctx.db, item.id, "scheduled", SYSTEM, { from: ["publishing"], action: "publish.waiting", detail, now });
  if (!moved) recordEvent(ctx.db, item.id, SYSTEM, "publish.waiting", detail, now);
  throw new JobError(detail, true, until);
}

/** Any failure as a PlatformError; unknown errors (network, bugs, aborts) count as transient. */
export function toPlatformError(e: unknown): PlatformError {
  if (e instanceof PlatformError) return e;
  return new PlatformError("transient", e instanceof Error ? e.message : String(e));
}
