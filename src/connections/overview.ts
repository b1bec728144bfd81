import type { AppContext } from "../app/context";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { type ConnectionRow, connectionFor, listConnections } from "../publishing/connections";
import { createsSince } from "../publishing/store";
import { itemsNeedingAttention } from "../publishing/manual";
import { oauthProviders } from "./oauth";
import { FINISHED_ADAPTERS } from "../publishing/adapters";
import { PLATFORM_RULES } from "../platforms/rules";

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
  /** True for the account posts on this platform go to (the selected one, else the oldest). */
  posting: boolean;
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

function accountView(ctx: AppContext, row: ConnectionRow, wanted: string[], postingId: number | undefined): AccountView {
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
    posting: row.id === postingId,
  };
}

function platformView(ctx: AppContext, userId: number, id: PlatformId, rows: ConnectionRow[]): PlatformView {
  const p = oauthProviders(ctx)[id];
  const postingId = connectionFor(ctx, userId, id)?.id;
  return {
    id,
    label: PLATFORM_RULES[id].label,
    available: FINISHED_ADAPTERS.includes(id) && !!p,
    missingConfig: p ? p.missingConfig() : "",
    accounts: rows.filter((r) => r.platform === id).map((r) => accountView(ctx, r, p?.scopes ?? [], postingId)),
  };
}

/** Everything the Platforms page shows for a user. */
export function platformsOverview(ctx: AppContext, userId: number) {
  const rows = listConnections(ctx, userId);
  const platforms = PLATFORM_IDS.map((id) => platformView(ctx, userId, id, rows));
  return { platforms, attention: itemsNeedingAttention(ctx, userId) };
}

/** One platform's card for a user (the htmx answer after choosing the posting account). */
export function platformOverview(ctx: AppContext, userId: number, id: PlatformId): PlatformView {
  return platformView(ctx, userId, id, listConnections(ctx, userId));
}
