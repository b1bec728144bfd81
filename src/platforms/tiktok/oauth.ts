import type { Config } from "../../config/schema";
import { callTokenEndpoint, type CredentialCheck, formPost, oauthErrorText } from "../credential-check";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";
import { TIKTOK_SCOPES, tiktokToken } from "./client";

/** TikTok Login Kit v2 for web (state checked; the web flow uses the client secret, not PKCE). */
export function tiktokOAuth(cfg: Config["platform_tiktok"], now: () => Date): OAuthProvider {
  return {
    platform: "tiktok",
    scopes: TIKTOK_SCOPES,
    usesPkce: false,
    missingConfig: () =>
      cfg.client_key && cfg.client_secret
        ? ""
        : "platform_tiktok:\n  client_key: <Client key from developers.tiktok.com>\n  client_secret: <Client secret> # or AMARKTAI_PLATFORM_TIKTOK_CLIENT_SECRET_FILE\n# TikTok only redirects to HTTPS: server.public_base_url must be https://",
    checkCredentials: () => checkTikTokCredentials(cfg),
    authorizeUrl({ state, redirectUri }) {
      // TikTok documents the page with a trailing slash; config values are stored without one.
      const u = new URL(cfg.authorize_url.endsWith("/") ? cfg.authorize_url : `${cfg.authorize_url}/`);
      u.search = new URLSearchParams({
        client_key: cfg.client_key,
        response_type: "code",
        scope: TIKTOK_SCOPES.join(","),
        redirect_uri: redirectUri,
        state,
      }).toString();
      return u.toString();
    },
    async exchange({ code, redirectUri }) {
      const t = await tiktokToken(cfg, { grant_type: "authorization_code", code, redirect_uri: redirectUri }, now()).catch((e) => {
        if (e instanceof PlatformError && e.kind === "auth_revoked")
          throw new PlatformError(
            "rejected",
            "TikTok did not accept the authorization (it expired or was already used); please connect again",
          );
        throw e;
      });
      let res: Response;
      try {
        res = await fetch(`${cfg.api_base}/v2/user/info/?fields=open_id,avatar_url,display_name`, {
          headers: { authorization: `Bearer ${t.accessToken}` },
        });
      } catch (e) {
        throw new PlatformError("transient", `cannot reach TikTok: ${e instanceof Error ? e.message : e}`);
      }
      const u = (
        (await res.json().catch(() => ({}))) as { data?: { user?: { open_id?: string; display_name?: string; avatar_url?: string } } }
      ).data?.user;
      if (!res.ok || !u?.open_id) throw new PlatformError("transient", "TikTok did not tell who signed in");
      const { openId: _, ...tokens } = t;
      return { tokens, accounts: [{ accountId: u.open_id, accountName: u.display_name ?? u.open_id, avatarUrl: u.avatar_url ?? "" }] };
    },
  };
}

/** Checks the client key and secret by asking for a client access token (grant_type=client_credentials). */
export async function checkTikTokCredentials(cfg: Config["platform_tiktok"]): Promise<CredentialCheck> {
  const a = await callTokenEndpoint(
    "TikTok",
    `${cfg.api_base}/v2/oauth/token/`,
    formPost({ client_key: cfg.client_key, client_secret: cfg.client_secret, grant_type: "client_credentials" }),
  );
  if ("outcome" in a) return a;
  if (a.status === 200 && typeof a.body.access_token === "string")
    return { outcome: "ok", text: "TikTok accepted the client key and secret (it issued a client access token)." };
  return {
    outcome: "failed",
    text: `TikTok refused the client key and secret (${oauthErrorText(a)}). Copy them again from developers.tiktok.com > Manage apps > your app > Credentials.`,
  };
}
