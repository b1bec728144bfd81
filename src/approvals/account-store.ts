import type { Db } from "../db/client";
import { PLATFORM_IDS } from "../platforms/ids";
import { postingConnectionsOf } from "../publishing/connection-store";

/** The account a card's post will go out as: the name and avatar of the user's connection on that platform. */
export interface CardAccount {
  name: string;
  /** Only an https avatar is shown (others would be mixed content or a tracking risk); "" when none. */
  avatarUrl: string;
  reconnectNeeded: boolean;
}

/**
 * The posting account per platform for a user, in one statement that applies the publishing engine's own rule (the
 * selected connection, else the oldest: postingConnectionOf), so the card names the account the post really goes to.
 * A platform absent from the map is not connected: its posts are exported for manual posting.
 */
export function postingAccounts(db: Db, userId: number): Map<string, CardAccount> {
  const out = new Map<string, CardAccount>();
  for (const [platform, r] of postingConnectionsOf(db, userId)) {
    if (!(PLATFORM_IDS as readonly string[]).includes(platform)) continue;
    out.set(platform, {
      name: r.accountName || r.accountId,
      avatarUrl: r.avatarUrl.startsWith("https://") ? r.avatarUrl : "",
      reconnectNeeded: r.status === "reconnect_needed",
    });
  }
  return out;
}
