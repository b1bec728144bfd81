import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { connections } from "../db/schema/platforms";

/** The account a card's post will go out as: the name and avatar of the user's connection on that platform. */
export interface CardAccount {
  name: string;
  /** Only an https avatar is shown (others would be mixed content or a tracking risk); "" when none. */
  avatarUrl: string;
  reconnectNeeded: boolean;
}

/**
 * The posting account per platform for a user, in one query for the whole page. Like the publishing engine
 * (connectionFor), the oldest connection on a platform is the one posts go to. A platform absent from the map is
 * not connected: its posts are exported for manual posting.
 */
export function postingAccounts(db: Db, userId: number): Map<string, CardAccount> {
  const rows = db
    .select({ platform: connections.platform, accountId: connections.accountId, accountName: connections.accountName, avatarUrl: connections.avatarUrl, status: connections.status })
    .from(connections)
    .where(eq(connections.userId, userId))
    .orderBy(asc(connections.id))
    .all();
  const out = new Map<string, CardAccount>();
  for (const r of rows) {
    if (out.has(r.platform)) continue;
    out.set(r.platform, { name: r.accountName || r.accountId, avatarUrl: r.avatarUrl.startsWith("https://") ? r.avatarUrl : "", reconnectNeeded: r.status === "reconnect_needed" });
  }
  return out;
}
