import type { Config } from "../../config/schema";
import { callTokenEndpoint, type CredentialCheck, formPost, oauthErrorText } from "../credential-check";
import type { OAuthAccount, OAuthProvider } from "../oauth";
import { PlatformError } from "../types";
import { linkedinToken } from "./adapter";
import { linkedinScopes } from "./client";
import { administeredOrganizations } from "./organizations";

/**
 * LinkedIn 3-legged OAuth 2.0 (web apps: client secret, no PKCE). Offers the member (read from OpenID userinfo)
 * and, when platform_linkedin.organizations is on, every Page the member administers; all share the one grant.
 */
export function linkedinOAuth(cfg: Config["platform_linkedin"], now: () => Date): OAuthProvider {
  const scopes = linkedinScopes(cfg);
  return {
    platform: "linkedin",
    scopes,
    usesPkce: false,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret
        ? ""
        : "platform_linkedin:\n  client_id: <Client ID from the LinkedIn developer portal>\n  client_secret: <Primary Client Secret> # or AMARKTAI_PLATFORM_LINKEDIN_CLIENT_SECRET_FILE",
    checkCredentials: () => checkLinkedInCredentials(cfg),
    authorizeUrl({ state, redirectUri }) {
      const u = new URL(cfg.authorize_url);
      u.search = new URLSearchParams({
        response_type: "code",
        client_id: cfg.client_id,
        redirect_uri: redirectUri,
        state,
        scope: scopes.join(" "),
      }).toString();
      return u.toString();
    },
    deniedHint: (error) =>
      error === "unauthorized_scope_error" && cfg.organizations
        ? "To post as your LinkedIn Pages, add the Community Management API product to the LinkedIn app; to connect only your profile, set platform_linkedin.organizations: false and connect again."
        : "",
    async exchange({ code, redirectUri }) {
      const tokens = await linkedinToken(cfg, { grant_type: "authorization_code", code, redirect_uri: redirectUri }, now()).catch((e) => {
        if (e instanceof PlatformError && e.kind === "auth_revoked")
          throw new PlatformError(
            "rejected",
            "LinkedIn did not accept the authorization (it expired or was already used); please connect again",
          );
        throw e;
      });
      const accounts: OAuthAccount[] = [await member(cfg, tokens.accessToken)];
      if (cfg.organizations) accounts.push(...(await administeredOrganizations(cfg, tokens.accessToken, now)));
      return { tokens, accounts };
    },
  };
}

async function member(cfg: Config["platform_linkedin"], accessToken: string): Promise<OAuthAccount> {
  let res: Response;
  try {
    res = await fetch(`${cfg.api_base}/v2/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } });
  } catch (e) {
    throw new PlatformError("transient", `cannot reach LinkedIn: ${e instanceof Error ? e.message : e}`);
  }
  if (!res.ok) throw new PlatformError("transient", `LinkedIn did not tell who signed in (HTTP ${res.status})`);
  const me = (await res.json()) as { sub: string; name?: string; picture?: string };
  return { accountId: me.sub, accountName: me.name ?? me.sub, avatarUrl: me.picture ?? "", extra: { author: `urn:li:person:${me.sub}` } };
}

/**
 * Checks the client id and secret with the client credentials flow. LinkedIn enables that flow per app, so a refusal
 * other than invalid_client (the id or secret is wrong) leaves them to be verified on the first connect.
 */
export async function checkLinkedInCredentials(cfg: Config["platform_linkedin"]): Promise<CredentialCheck> {
  const a = await callTokenEndpoint(
    "LinkedIn",
    cfg.token_url,
    formPost({ grant_type: "client_credentials", client_id: cfg.client_id, client_secret: cfg.client_secret }),
  );
  if ("outcome" in a) return a;
  if (a.status === 200 && typeof a.body.access_token === "string")
    return { outcome: "ok", text: "LinkedIn accepted the client id and secret (it issued an application token)." };
  if (a.body.error === "invalid_client")
    return {
      outcome: "failed",
      text: `LinkedIn refused the client id and secret (${oauthErrorText(a)}). Copy the Client ID and Primary Client Secret again from linkedin.com/developers > your app > Auth.`,
    };
  return {
    outcome: "unchecked",
    text: `LinkedIn does not let this app check its credentials alone (${oauthErrorText(a)}); they are verified when you press Connect LinkedIn.`,
  };
}
