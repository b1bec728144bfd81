import type { Config } from "../../config/schema";
import { callTokenEndpoint, type CredentialCheck } from "../credential-check";
import { PlatformError, type TokenSet } from "../types";
import { exchangeLongLived } from "./graph";

/** The YAML a user adds before Instagram or Facebook can be connected, or "" when it is there. */
export function metaMissingConfig(cfg: Config["platform_meta"]): string {
  return cfg.client_id && cfg.client_secret
    ? ""
    : "platform_meta:\n  client_id: <App ID from developers.facebook.com>\n  client_secret: <App Secret> # or AMARKTAI_PLATFORM_META_CLIENT_SECRET_FILE";
}

/** The Facebook Login dialog URL for the given scopes (state checked on return; Meta's web login has no PKCE). */
export function metaAuthorizeUrl(cfg: Config["platform_meta"], state: string, redirectUri: string, scopes: string[]): string {
  const u = new URL(cfg.authorize_url);
  u.search = new URLSearchParams({
    client_id: cfg.client_id,
    redirect_uri: redirectUri,
    state,
    response_type: "code",
    scope: scopes.join(","),
  }).toString();
  return u.toString();
}

/** Exchanges the login code for a short-lived user token, then for a long-lived (~60 days) one. */
export async function exchangeMetaCode(cfg: Config["platform_meta"], code: string, redirectUri: string, now: Date): Promise<TokenSet> {
  const url = new URL(`${cfg.graph_base}/oauth/access_token`);
  url.search = new URLSearchParams({
    client_id: cfg.client_id,
    client_secret: cfg.client_secret,
    redirect_uri: redirectUri,
    code,
  }).toString();
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new PlatformError("transient", `cannot reach Meta: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok)
    throw new PlatformError("rejected", "Facebook did not accept the login answer (it expired or was already used); please connect again");
  return exchangeLongLived(cfg, ((await res.json()) as { access_token: string }).access_token, now);
}

/** Checks the App ID and App Secret by asking for an app access token (grant_type=client_credentials), as Meta documents. */
export async function checkMetaCredentials(cfg: Config["platform_meta"]): Promise<CredentialCheck> {
  const url = new URL(`${cfg.graph_base}/oauth/access_token`);
  url.search = new URLSearchParams({
    client_id: cfg.client_id,
    client_secret: cfg.client_secret,
    grant_type: "client_credentials",
  }).toString();
  const a = await callTokenEndpoint("Meta", url.toString());
  if ("outcome" in a) return a;
  if (a.status === 200 && typeof a.body.access_token === "string")
    return { outcome: "ok", text: "Meta accepted the App ID and App Secret (it issued an app access token)." };
  const e = (a.body.error ?? {}) as { message?: string; code?: number };
  return {
    outcome: "failed",
    text: `Meta refused the App ID and App Secret: ${e.message ?? `HTTP ${a.status}`}. Copy them again from developers.facebook.com > your app > App settings > Basic.`,
  };
}
