import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import type { PlatformAdapter } from "../platforms/types";
import { openConnection } from "../publishing/connections";
import { toPlatformError } from "../publishing/engine";
import { connectedAccounts, hasFollowerCount, saveFollowerCount } from "./store";

/** The UTC day of `at` as YYYY-MM-DD, the key of a follower count. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Reads each connected account's follower count once per UTC day, where its platform has an endpoint for it;
 * a failure is logged and tried again on the next run. Returns how many counts were stored.
 */
export async function collectFollowers(
  ctx: AppContext,
  adapters: Partial<Record<PlatformId, PlatformAdapter>>,
  now: Date,
): Promise<number> {
  const day = utcDay(now);
  let stored = 0;
  for (const row of connectedAccounts(ctx.db)) {
    const adapter = adapters[row.platform as PlatformId];
    if (!adapter?.fetchFollowers || hasFollowerCount(ctx.db, row.id, day)) continue;
    if (row.blockedUntil && row.blockedUntil > now) continue;
    try {
      const followers = await adapter.fetchFollowers(openConnection(ctx, row));
      if (!Number.isSafeInteger(followers) || followers < 0) {
        ctx.log.warn(
          `metrics: ${row.platform} answered a follower count that is not a number (${String(followers)}) for connection #${row.id}`,
        );
        continue;
      }
      saveFollowerCount(ctx.db, { connectionId: row.id, userId: row.userId, platform: row.platform, day, followers, takenAt: now });
      stored++;
    } catch (e) {
      ctx.log.warn(`metrics: cannot read the follower count of ${row.platform} connection #${row.id}: ${toPlatformError(e).message}`);
    }
  }
  return stored;
}
