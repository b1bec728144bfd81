import type { Auth } from "googleapis";
import { youtube } from "googleapis/build/src/apis/youtube";
import type { Config } from "../../config/schema";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";
import { youtubeAuth, youtubeError, youtubeTokenError, YOUTUBE_SCOPES } from "./client";
import { youtubeTokens } from "./adapter";

/** Google OAuth 2.0 for YouTube through googleapis: offline access (refresh token), consent prompt, PKCE S256. */
export function youtubeOAuth(cfg: Config["platform_youtube"], now: () => Date): OAuthProvider {
  return {
    platform: "youtube",
    scopes: YOUTUBE_SCOPES,
    usesPkce: true,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret
        ? ""
        : "platform_youtube:\n  client_id: <OAuth client ID (Web application) from Google Cloud Console>\n  client_secret: <its secret> # or AMARKTAI_PLATFORM_YOUTUBE_CLIENT_SECRET_FILE",
    // Google has no grant that authenticates a web client alone; a wrong id or secret shows on the first connect.
    checkCredentials: async () => ({
      outcome: "unchecked",
      text: "Google offers no way to check an OAuth client on its own: the client id and secret are verified when you press Connect YouTube (a wrong one shows Google's error there).",
    }),
    authorizeUrl({ state, codeChallenge, redirectUri }) {
      return youtubeAuth(cfg, redirectUri).generateAuthUrl({
        access_type: "offline",
        prompt: "consent",
        scope: YOUTUBE_SCOPES,
        state,
        code_challenge: codeChallenge,
        // The enum's value; a type-only import keeps the whole googleapis index out of the process.
        code_challenge_method: "S256" as Auth.CodeChallengeMethod,
        include_granted_scopes: true,
      });
    },
    async exchange({ code, codeVerifier, redirectUri }) {
      const auth = youtubeAuth(cfg, redirectUri);
      let tokens;
      try {
        tokens = (await auth.getToken({ code, codeVerifier, redirect_uri: redirectUri })).tokens;
      } catch (e) {
        const pe = youtubeTokenError(e, now());
        throw new PlatformError(
          pe.kind,
          pe.kind === "auth_revoked"
            ? "Google did not accept the authorization (it expired or was already used); please connect again"
            : pe.message,
        );
      }
      auth.setCredentials({ access_token: tokens.access_token });
      try {
        const yt = youtube({ version: "v3", auth, rootUrl: `${cfg.api_root}/` });
        const ch = (await yt.channels.list({ part: ["snippet", "contentDetails"], mine: true })).data.items?.[0];
        if (!ch?.id) throw new PlatformError("rejected", "this Google account has no YouTube channel; create one, then connect again");
        return {
          tokens: youtubeTokens(tokens, now()),
          accounts: [
            {
              accountId: ch.id,
              accountName: ch.snippet?.title ?? ch.id,
              avatarUrl: ch.snippet?.thumbnails?.default?.url ?? "",
              extra: { uploads: ch.contentDetails?.relatedPlaylists?.uploads ?? "" },
            },
          ],
        };
      } catch (e) {
        throw youtubeError(e, "reading the connected channel", now());
      }
    },
  };
}
