import type { AppContext } from "../app/context";
import type { PlatformAdapter } from "../platforms/types";
import { PlatformError } from "../platforms/types";
import {
  type ConnectionRow,
  connectionsExpiringBefore,
  getConnectionRow,
  markReconnectNeeded,
  noteConnectionError,
  openConnection,
  storeRefreshedTokens,
} from "./connections";

// Keyed by database handle, then connection id (two app contexts in one process never share).
const inFlightByDb = new WeakMap<object, Map<number, Promise<ConnectionRow>>>();

/** What refreshing one connection came to. */
export type RefreshOutcome = "refreshed" | "revoked" | "failed" | "skipped";

/**
 * Refreshes one connection's tokens unless someone just did. One refresh per connection at a time:
 * X rotates its refresh token, so two parallel refreshes would burn each other's token.
 * Throws PlatformError("auth_revoked") after marking the connection, or "transient" on other failures.
 */
export function refreshConnection(ctx: AppContext, adapter: PlatformAdapter, id: number, aheadMs: number): Promise<ConnectionRow> {
  let inFlight = inFlightByDb.get(ctx.db);
  if (!inFlight) inFlightByDb.set(ctx.db, (inFlight = new Map()));
  const running = inFlight.get(id);
  if (running) return running;
  const p = doRefresh(ctx, adapter, id, aheadMs).finally(() => inFlight.delete(id));
  inFlight.set(id, p);
  return p;
}

async function doRefresh(ctx: AppContext, adapter: PlatformAdapter, id: number, aheadMs: number): Promise<ConnectionRow> {
  const row = getConnectionRow(ctx, id);
  if (!row) throw new PlatformError("auth_revoked", "The platform connection was removed; connect the account again.");
  const now = ctx.clock.now();
  if (row.expiresAt && row.expiresAt.getTime() - now.getTime() > aheadMs) return row;
  const conn = openConnection(ctx, row);
  if (!conn.refreshToken)
    throw new PlatformError(
      "auth_expired",
      `The ${adapter.id} access token expired and there is no refresh token; reconnect the account on the Platforms page.`,
    );
  try {
    const tokens = await adapter.refresh(conn);
    storeRefreshedTokens(ctx, id, tokens, ctx.clock.now());
    ctx.log.info(`publishing: refreshed ${row.platform} tokens of connection #${id}`);
    return getConnectionRow(ctx, id)!;
  } catch (e) {
    const at = ctx.clock.now();
    if (e instanceof PlatformError && e.kind === "auth_revoked") {
      const reason = `${row.accountName || row.platform} (${row.platform}) needs to be reconnected: ${e.message}`;
      // Marks the accounts sharing this grant too; one alert covers them, as one reconnect fixes them.
      markReconnectNeeded(ctx, id, reason, at);
      await ctx.events.emit("connection.revoked", { connectionId: id, userId: row.userId, platform: row.platform, reason });
      throw e;
    }
    const msg = e instanceof Error ? e.message : String(e);
    noteConnectionError(ctx, id, `Refreshing the access token failed (will retry): ${msg}`, at, { refreshFailed: true });
    throw new PlatformError("transient", `refreshing the ${row.platform} token failed: ${msg}`);
  }
}

/**
 * Refreshes every connection whose access token expires within refresh_ahead_minutes (for a schedule,
 * e.g. every 10 minutes). Revoked grants mark the connection; transient failures wait for the next run.
 */
export async function refreshDueTokens(
  ctx: AppContext,
  now: Date,
  adapters: Partial<Record<string, PlatformAdapter>>,
): Promise<Record<RefreshOutcome, number>> {
  const ahead = ctx.config.publishing.refresh_ahead_minutes * 60_000;
  const out: Record<RefreshOutcome, number> = { refreshed: 0, revoked: 0, failed: 0, skipped: 0 };
  for (const row of connectionsExpiringBefore(ctx, new Date(now.getTime() + ahead))) {
    const adapter = adapters[row.platform];
    if (!adapter) {
      out.skipped++;
      continue;
    }
    try {
      await refreshConnection(ctx, adapter, row.id, ahead);
      out.refreshed++;
    } catch (e) {
      if (e instanceof PlatformError && e.kind === "auth_revoked") out.revoked++;
      else out.failed++;
    }
  }
  return out;
}
