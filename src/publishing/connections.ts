import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import type { Connection, TokenSet } from "../platforms/types";
import {
  type ConnectionRow,
  connectionById,
  connectionsOfUser,
  connectionsOfUserOn,
  deleteConnectionOf,
  incrementPostsTotal,
  markSelectedConnection,
  postingConnectionOf,
  refreshableConnectionsExpiringBefore,
  updateBlockedUntil,
  updateConnectionError,
  updateReconnectNeeded,
  updateRefreshedTokens,
  upsertConnection,
} from "./connection-store";

export type { ConnectionRow } from "./connection-store";

type Ctx = Pick<AppContext, "db" | "secrets">;

/** What a finished OAuth flow tells us about the account. */
export interface NewConnection {
  userId: number;
  platform: PlatformId;
  accountId: string;
  accountName: string;
  avatarUrl?: string;
  tokens: TokenSet;
  extra?: Record<string, string>;
}

/** Stores (or replaces the tokens of) a connected account; reconnecting clears "reconnect needed". */
export function saveConnection(ctx: Ctx, c: NewConnection, now: Date): ConnectionRow {
  const sealed = {
    accessTokenSealed: ctx.secrets.seal(c.tokens.accessToken),
    expiresAt: c.tokens.expiresAt ?? null,
    scopes: c.tokens.scopes ?? [],
    accountName: c.accountName,
    avatarUrl: c.avatarUrl ?? "",
    extraSealed: c.extra ? ctx.secrets.seal(JSON.stringify(c.extra)) : null,
    status: "ok" as const,
    lastError: null,
    blockedUntil: null,
    refreshFailures: 0,
    updatedAt: now,
    ...(c.tokens.refreshToken ? { refreshTokenSealed: ctx.secrets.seal(c.tokens.refreshToken) } : {}),
  };
  try {
    return upsertConnection(ctx.db, { userId: c.userId, platform: c.platform, accountId: c.accountId }, sealed, now);
  } catch (e) {
    throw new Error(`publishing.connections: cannot save ${c.platform} account ${c.accountId}: ${e instanceof Error ? e.message : e}`);
  }
}

/** A connection by id, or undefined. */
export function getConnectionRow(ctx: Ctx, id: number): ConnectionRow | undefined {
  return connectionById(ctx.db, id);
}

/** The user's connections, in platform order. */
export function listConnections(ctx: Ctx, userId: number): ConnectionRow[] {
  return connectionsOfUser(ctx.db, userId);
}

/**
 * The account a user posts to on a platform: the one they selected, else the oldest connected one; undefined when
 * none. The publishing engine and the approval cards both use this, so they always agree.
 */
export function connectionFor(ctx: Pick<AppContext, "db">, userId: number, platform: string): ConnectionRow | undefined {
  return postingConnectionOf(ctx.db, userId, platform);
}

/**
 * Makes connection `id` the account the user posts as on its platform, in one UPDATE over the user's connections on
 * that platform (the chosen one gets the time, the others null), so exactly one is selected. Returns false (and
 * changes nothing) when the connection does not exist or belongs to another user.
 */
export function selectConnection(ctx: Pick<AppContext, "db">, userId: number, id: number, now: Date): boolean {
  return markSelectedConnection(ctx.db, userId, id, now);
}

/** Decrypts a row into the Connection adapters use. */
export function openConnection(ctx: Ctx, row: ConnectionRow): Connection {
  return {
    id: row.id,
    userId: row.userId,
    platform: row.platform as PlatformId,
    accountId: row.accountId,
    accountName: row.accountName,
    accessToken: ctx.secrets.open(row.accessTokenSealed),
    refreshToken: row.refreshTokenSealed ? ctx.secrets.open(row.refreshTokenSealed) : undefined,
    expiresAt: row.expiresAt ?? undefined,
    scopes: row.scopes,
    extra: row.extraSealed ? (JSON.parse(ctx.secrets.open(row.extraSealed)) as Record<string, string>) : {},
  };
}

/**
 * Connection `id` and every other connection of the same user and platform holding the very same access and
 * refresh token: one grant offered as several accounts (a LinkedIn member and the Pages they administer, Instagram
 * accounts behind one Facebook login). Facebook Pages share a refresh token but each has its own access token, so
 * they stay apart. Empty when `id` does not exist.
 */
export function sameGrantIds(ctx: Ctx, id: number): number[] {
  const row = getConnectionRow(ctx, id);
  if (!row) return [];
  const access = ctx.secrets.open(row.accessTokenSealed);
  const refresh = row.refreshTokenSealed ? ctx.secrets.open(row.refreshTokenSealed) : "";
  const same = (r: ConnectionRow) =>
    r.id === id ||
    (ctx.secrets.open(r.accessTokenSealed) === access && (r.refreshTokenSealed ? ctx.secrets.open(r.refreshTokenSealed) : "") === refresh);
  return connectionsOfUserOn(ctx.db, row.userId, row.platform)
    .filter(same)
    .map((r) => r.id);
}

/**
 * Stores refreshed tokens in one UPDATE (access and rotated refresh token together, so a crash can
 * never keep one without the other) on connection `id` and the others sharing its grant (sameGrantIds), so
 * no sibling keeps a token the refresh replaced. An empty refresh token never replaces the stored one.
 */
export function storeRefreshedTokens(ctx: Ctx, id: number, t: TokenSet, now: Date): void {
  const ids = sameGrantIds(ctx, id);
  if (ids.length === 0) return;
  updateRefreshedTokens(ctx.db, ids, {
    accessTokenSealed: ctx.secrets.seal(t.accessToken),
    expiresAt: t.expiresAt ?? null,
    refreshFailures: 0,
    lastError: null,
    updatedAt: now,
    ...(t.refreshToken ? { refreshTokenSealed: ctx.secrets.seal(t.refreshToken) } : {}),
    ...(t.scopes && t.scopes.length > 0 ? { scopes: t.scopes } : {}),
  });
}

/**
 * Marks a connection as needing the user to reconnect, with the reason in plain words; the connections sharing its
 * grant (sameGrantIds) are marked with it, since a revoked grant is revoked for every account it was offered as.
 */
export function markReconnectNeeded(ctx: Ctx, id: number, reason: string, now: Date): void {
  const ids = sameGrantIds(ctx, id);
  if (ids.length === 0) return;
  updateReconnectNeeded(ctx.db, ids, reason, now);
}

/** Records a non-fatal problem (shown on the card) and counts failed refreshes when asked. */
export function noteConnectionError(ctx: Ctx, id: number, reason: string, now: Date, opts: { refreshFailed?: boolean } = {}): void {
  const row = getConnectionRow(ctx, id);
  if (!row) return;
  updateConnectionError(ctx.db, id, reason, now, row.refreshFailures + (opts.refreshFailed ? 1 : 0));
}

/** No calls for this account before `until` (a 429 or a reached cap). */
export function blockConnection(ctx: Ctx, id: number, until: Date): void {
  updateBlockedUntil(ctx.db, id, until);
}

/** Counts one more published post on the account. */
export function countPost(ctx: Ctx, id: number): void {
  incrementPostsTotal(ctx.db, id);
}

/** Connections with a refresh token whose access token expires before `before`. */
export function connectionsExpiringBefore(ctx: Ctx, before: Date): ConnectionRow[] {
  return refreshableConnectionsExpiringBefore(ctx.db, before);
}

/** Removes a connection (disconnect). Returns true when a row was deleted. */
export function deleteConnection(ctx: Ctx, userId: number, id: number): boolean {
  return deleteConnectionOf(ctx.db, userId, id);
}
