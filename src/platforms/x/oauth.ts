import type { Config } from "../../config/schema";
import { callTokenEndpoint, type CredentialCheck, formPost, oauthErrorText } from "../credential-check";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";
import { FORM, type XTokenAnswer, xAppClient, xUserClient } from "./client";
import { xError, xTokenError } from "./errors";
import { xTokens } from "./adapter";

/** The scopes posting needs (offline.access brings the refresh token). */
export const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "media.write", "offline.access"];

/** X OAuth 2.0 authorization code flow with PKCE (S256), through twitter-api-v2. */
export function xOAuth(cfg: Config["platform_x"], now: () => Date): OAuthProvider {
  return {
    platform: "x",
    scopes: X_SCOPES,
    usesPkce: true,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret
        ? ""
        : "platform_x:\n  client_id: <OAuth 2.0 Client ID from the X developer portal>\n  client_secret: <its Client Secret> # or AMARKTAI_PLATFORM_X_CLIENT_SECRET_FILE",
    checkCredentials: () => checkXCredentials(cfg),
    authorizeUrl({ state, codeChallenge, redirectUri }) {
      const u = new URL(cfg.authorize_url);
      u.search = new URLSearchParams({
        response_type: "code",
        client_id: cfg.client_id,
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: "S256",
        scope: X_SCOPES.join(" "),
      }).toString();
      return u.toString();
    },
    async exchange({ code, codeVerifier, redirectUri }) {
      let t: XTokenAnswer;
      try {
        t = await xAppClient(cfg).post<XTokenAnswer>(
          cfg.token_url,
          { code, code_verifier: codeVerifier, redirect_uri: redirectUri, grant_type: "authorization_code", client_id: cfg.client_id },
          FORM,
        );
      } catch (e) {
        const pe = xTokenError(e);
        throw new PlatformError(
          pe.kind,
          pe.kind === "auth_revoked"
            ? "X did not accept the authorization (it expired or was already used); please connect again"
            : pe.message,
        );
      }
      try {
        const me = await xUserClient(cfg, t.access_token).get<{
          data: { id: string; name: string; username: string; profile_image_url?: string };
        }>("users/me", { "user.fields": "profile_image_url" });
        return {
          tokens: xTokens(t, now()),
          accounts: [
            {
              accountId: me.data.id,
              accountName: `${me.data.name} (@${me.data.username})`,
              avatarUrl: me.data.profile_image_url ?? "",
              extra: { username: me.data.username },
            },
          ],
        };
      } catch (e) {
        throw xError(e, "reading the connected account");
      }
    },
  };
}

/**
 * X's OAuth 2.0 client credentials have no grant of their own (app-only bearer tokens take the API key pair, which this
 * box does not use), so the check sends a refresh with a made-up token: X authenticates the client first (401
 * unauthorized_client when the id or secret is wrong) and only then rejects the token (400 invalid_request).
 */
export async function checkXCredentials(cfg: Config["platform_x"]): Promise<CredentialCheck> {
  const basic = Buffer.from(`${cfg.client_id}:${cfg.client_secret}`).toString("base64");
  const a = await callTokenEndpoint(
    "X",
    cfg.token_url,
    formPost(
      { grant_type: "refresh_token", refresh_token: "credential-check", client_id: cfg.client_id },
      { authorization: `Basic ${basic}` },
    ),
  );
  if ("outcome" in a) return a;
  const error = typeof a.body.error === "string" ? a.body.error : "";
  if (a.status === 401 || error === "unauthorized_client" || error === "invalid_client")
    return {
      outcome: "failed",
      text: `X refused the client id and secret (${oauthErrorText(a)}). Copy the OAuth 2.0 Client ID and Client Secret again from the X developer portal (your app > Keys and tokens); the app must be a confidential client ("Web App").`,
    };
  if (a.status === 400 && (error === "invalid_request" || error === "invalid_grant"))
    return { outcome: "ok", text: "X accepted the client id and secret (checked at its token endpoint)." };
  return { outcome: "failed", text: `X answered the check unexpectedly (${oauthErrorText(a)}); try again in a minute.` };
}
