import type { Config } from "../../config/schema";
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
