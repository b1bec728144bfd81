import type { Config } from "../../config/schema";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";
import { linkedinToken } from "./adapter";
import { LINKEDIN_SCOPES } from "./client";

/** LinkedIn 3-legged OAuth 2.0 (web apps: client secret, no PKCE); the member is read from OpenID userinfo. */
export function linkedinOAuth(cfg: Config["platform_linkedin"], now: () => Date): OAuthProvider {
  return {
    platform: "linkedin",
    scopes: LINKEDIN_SCOPES,
    usesPkce: false,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret ? "" : "platform_linkedin:\n  client_id: <Client ID from the LinkedIn developer portal>\n  client_secret: <Primary Client Secret> # or AMARKTAI_PLATFORM_LINKEDIN_CLIENT_SECRET_FILE",
    authorizeUrl({ state, redirectUri }) {
      const u = new URL(cfg.authorize_url);
      u.search = new URLSearchParams({ response_type: "code", client_id: cfg.client_id, redirect_uri: redirectUri, state, scope: LINKEDIN_SCOPES.join(" ") }).toString();
      return u.toString();
    },
    async exchange({ code, redirectUri }) {
      const tokens = await linkedinToken(cfg, { grant_type: "authorization_code", code, redirect_uri: redirectUri }, now()).catch((e) => {
        if (e instanceof PlatformError && e.kind === "auth_revoked") throw new PlatformError("rejected", "LinkedIn did not accept the authorization (it expired or was already used); please connect again");
        throw e;
      });
      let res: Response;
      try {
        res = await fetch(`${cfg.api_base}/v2/userinfo`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
      } catch (e) {
        throw new PlatformError("transient", `cannot reach LinkedIn: ${e instanceof Error ? e.message : e}`);
      }
      if (!res.ok) throw new PlatformError("transient", `LinkedIn did not tell who signed in (HTTP ${res.status})`);
      const me = (await res.json()) as { sub: string; name?: string; picture?: string };
      return { tokens, accounts: [{ accountId: me.sub, accountName: me.name ?? me.sub, avatarUrl: me.picture ?? "", extra: { author: `urn:li:person:${me.sub}` } }] };
    },
  };
}
