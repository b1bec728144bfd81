import type { AppContext } from "../app/context";
import { metricRefusalsOf } from "../metrics/store";
import type { CredentialCheck } from "../platforms/credential-check";
import { type CredentialsView, credentialsView } from "./credentials";
import { guideSlug } from "./guides";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { type ConnectionRow, connectionFor, listConnections } from "../publishing/connections";
import { createsSince } from "../publishing/store";
import { itemsNeedingAttention } from "../publishing/manual";
import { oauthProviders, redirectUriFor } from "./oauth";
import { platformEntry } from "../platforms/registry";

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
  /** The platform refuses this account its metrics: why, and the scope or plan to add (in the platform's words). */
  refusal?: { reason: string; needs: string; partial: boolean };
}

/** One platform's card. */
export interface PlatformView {
  id: PlatformId;
  label: string;
  /** False: the platform has no entry in the registry; items are exported and posted by hand. */
  available: boolean;
  /** YAML the owner must add before connecting; empty when configured. */
  missingConfig: string;
  accounts: AccountView[];
  /** The exact address to register as the app's redirect (callback) URI. */
  redirectUri: string;
  /** Where the step-by-step guide for this platform's developer app is (/platforms/<id>/guide). */
  guideUrl: string;
  /** The app credentials form: only for admins. */
  credentials?: CredentialsView;
  /** The answer of the last "Test" press, shown on the card. */
  check?: CredentialCheck;
  /** The sentence after the credentials were saved from this card. */
  saved?: string;
}

/** Who is looking at the page: admins see and change the app credentials. */
export interface Viewer {
  id: number;
  role: string;
}

type Refusals = Map<number, { reason: string; needs: string; partial: boolean }>;

function accountView(
  ctx: AppContext,
  row: ConnectionRow,
  wanted: string[],
  postingId: number | undefined,
  refusals: Refusals,
): AccountView {
  const now = ctx.clock.now();
  return {
    id: row.id,
    name: row.accountName || row.accountId,
    avatarUrl: row.avatarUrl.startsWith("https://") ? row.avatarUrl : "",
    status: row.status,
    missingScopes: wanted.filter((s) => !row.scopes.includes(s)),
    expiresAt: row.expiresAt,
    usedToday: createsSince(ctx.db, row.id, new Date(now.getTime() - 24 * 3600_000)).n,
    dailyCap: platformEntry(row.platform as PlatformId).limits.dailyCap,
    lastError: row.lastError,
    posting: row.id === postingId,
    refusal: refusals.get(row.id),
  };
}

function refusalsOf(ctx: AppContext, userId: number): Refusals {
  return new Map(metricRefusalsOf(ctx.db, userId).map((r) => [r.connectionId, { reason: r.reason, needs: r.needs, partial: r.partial }]));
}

function platformView(ctx: AppContext, viewer: Viewer, id: PlatformId, rows: ConnectionRow[], refusals: Refusals): PlatformView {
  const p = oauthProviders(ctx)[id];
  const postingId = connectionFor(ctx, viewer.id, id)?.id;
  return {
    id,
    label: platformEntry(id).label,
    available: !!p,
    missingConfig: p ? p.missingConfig() : "",
    accounts: rows.filter((r) => r.platform === id).map((r) => accountView(ctx, r, p?.scopes ?? [], postingId, refusals)),
    redirectUri: redirectUriFor(ctx, id),
    guideUrl: `/platforms/${guideSlug(id)}/guide`,
    credentials: viewer.role === "admin" && p ? credentialsView(ctx, id) : undefined,
  };
}

/** Everything the Platforms page shows for a user. */
export function platformsOverview(ctx: AppContext, viewer: Viewer) {
  const rows = listConnections(ctx, viewer.id);
  const refusals = refusalsOf(ctx, viewer.id);
  const platforms = PLATFORM_IDS.map((id) => platformView(ctx, viewer, id, rows, refusals));
  return { platforms, attention: itemsNeedingAttention(ctx, viewer.id) };
}

/** One platform's card for a user (the htmx answer after choosing the posting account, saving or testing credentials). */
export function platformOverview(ctx: AppContext, viewer: Viewer, id: PlatformId): PlatformView {
  return platformView(ctx, viewer, id, listConnections(ctx, viewer.id), refusalsOf(ctx, viewer.id));
}
