import type { AppContext } from "../app/context";
import { PLATFORM_IDS, type PlatformId } from "../db/schema/webapps";
import { type ConnectionRow, listConnections } from "../publishing/connections";
import { createsSince } from "../publishing/journal";
import { itemsNeedingAttention } from "../publishing/manual";
import { oauthProviders } from "../publishing/oauth";
import { FINISHED_ADAPTERS } from "./registry";
import { PLATFORM_RULES } from "./rules";

/** One connected account as its card shows it. */
export interface AccountView {
  id: number;
  name: string;
  avatarUrl: string;
  status: "ok" | "reconnect_needed";
  missingScopes: string[];
  expiresAt: Date | null;
  usedToday: number;
  dailyCap: number;
  lastError: string | null;
}

/** One platform's card. */
export interface PlatformView {
  id: PlatformId;
  label: string;
  /** False: no finished adapter; items are exported and posted by hand. */
  available: boolean;
  /** YAML the owner must add before connecting; empty when configured. */
  missingConfig: string;
  accounts: AccountView[];
}

function accountView(ctx: AppContext, row: ConnectionRow, wanted: string[]): AccountView {
  const now = ctx.clock.now();
  return {
    id: row.id,
    name: row.accountName || row.accountId,
    avatarUrl: row.avatarUrl.startsWith("https://") ? row.avatarUrl : "",
    status: row.status,
    missingScopes: wanted.filter((s) => !row.scopes.includes(s)),
    expiresAt: row.expiresAt,
    usedToday: createsSince(ctx.db, row.id, new Date(now.getTime() - 24 * 3600_000)).n,
    dailyCap: PLATFORM_RULES[row.platform as PlatformId].dailyCap,
    lastError: row.lastError,
  };
}

/** Everything the Platforms page shows for a user. */
export function platformsOverview(ctx: AppContext, userId: number) {
  const providers = oauthProviders(ctx);
  const rows = listConnections(ctx, userId);
  const platforms: PlatformView[] = PLATFORM_IDS.map((id) => {
    const p = providers[id];
    return {
      id,
      label: PLATFORM_RULES[id].label,
      available: FINISHED_ADAPTERS.includes(id) && !!p,
      missingConfig: p ? p.missingConfig() : "",
      accounts: rows.filter((r) => r.platform === id).map((r) => accountView(ctx, r, p?.scopes ?? [])),
    };
  });
  return { platforms, attention: itemsNeedingAttention(ctx, userId) };
}
