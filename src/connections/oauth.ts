import { createHash, randomBytes } from "node:crypto";
import { requireQuota } from "../operator/quota";
import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import type { OAuthProvider } from "../platforms/oauth";
import { PLATFORMS } from "../platforms/registry";
import { type ConnectionRow, saveConnection } from "../publishing/connections";
import { saveOAuthState, takeOAuthState } from "./store";

/** The OAuth flow of every registered platform, built from config and the app clock. */
export function oauthProviders(ctx: Pick<AppContext, "config" | "clock">): Partial<Record<PlatformId, OAuthProvider>> {
  const now = () => ctx.clock.now();
  return Object.fromEntries(PLATFORMS.map((p) => [p.id, p.oauth(ctx.config, now)]));
}

/** Where the platform sends the user back: <public_base_url>/platforms/<id>/callback. */
export function redirectUriFor(ctx: Pick<AppContext, "config">, platform: PlatformId): string {
  return `${ctx.config.server.public_base_url}/platforms/${platform}/callback`;
}

/** Starts a connect: a random state and PKCE verifier are stored (10 minutes); returns the consent URL. */
export function startConnect(ctx: AppContext, provider: OAuthProvider, userId: number): string {
  requireQuota(ctx, userId, "connections");
  const state = randomBytes(24).toString("base64url");
  const verifier = provider.usesPkce ? randomBytes(48).toString("base64url") : "";
  const challenge = verifier ? createHash("sha256").update(verifier).digest("base64url") : "";
  const redirectUri = redirectUriFor(ctx, provider.platform);
  const now = ctx.clock.now();
  saveOAuthState(
    ctx.db,
    { state, userId, platform: provider.platform, codeVerifier: verifier, redirectUri, expiresAt: new Date(now.getTime() + 10 * 60_000) },
    now,
  );
  return provider.authorizeUrl({ state, codeChallenge: challenge, redirectUri });
}

/** A callback that cannot be accepted, with the sentence for the user. */
export class ConnectError extends Error {}

/**
 * Finishes a connect: the state must be one we issued to this user for this platform (single use),
 * then the code is exchanged (with the PKCE verifier) and every account offered is stored.
 */
export async function finishConnect(
  ctx: AppContext,
  provider: OAuthProvider,
  userId: number,
  q: { state?: string; code?: string; error?: string; error_description?: string },
): Promise<ConnectionRow[]> {
  const now = ctx.clock.now();
  const pending = q.state ? takeOAuthState(ctx.db, q.state, userId, provider.platform, now) : undefined;
  if (!pending)
    throw new ConnectError(
      "This sign-in answer does not match a connect request from you (or it expired). Nothing was connected; please press Connect again.",
    );
  if (q.error)
    throw new ConnectError(
      `The platform did not grant access: ${q.error_description || q.error}. Nothing was connected.${hint(provider, q.error)}`,
    );
  if (!q.code) throw new ConnectError("The platform sent no authorization code. Nothing was connected; please press Connect again.");
  const { tokens, accounts } = await provider.exchange({
    code: q.code,
    codeVerifier: pending.codeVerifier,
    redirectUri: pending.redirectUri,
  });
  return accounts.map((a) =>
    saveConnection(
      ctx,
      {
        userId,
        platform: provider.platform,
        accountId: a.accountId,
        accountName: a.accountName,
        avatarUrl: a.avatarUrl,
        tokens: a.tokens ?? tokens,
        extra: a.extra,
      },
      now,
    ),
  );
}

function hint(provider: OAuthProvider, error: string): string {
  const h = provider.deniedHint?.(error);
  return h ? ` ${h}` : "";
}
