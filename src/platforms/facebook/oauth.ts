import type { Config } from "../../config/schema";
import { exchangeLongLived, graphCall } from "../meta/graph";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";

/** What publishing Reels to a Page needs through Facebook Login. */
export const FACEBOOK_SCOPES = ["pages_show_list", "pages_manage_posts", "pages_read_engagement", "business_management"];

/** Facebook Login for Pages (state checked; no PKCE on Meta's web login): every Page the user manages is offered. */
export function facebookOAuth(cfg: Config["platform_meta"], now: () => Date): OAuthProvider {
  return {
    platform: "facebook",
    scopes: FACEBOOK_SCOPES,
    usesPkce: false,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret ? "" : "platform_meta:\n  client_id: <App ID from developers.facebook.com>\n  client_secret: <App Secret> # or AMARKTAI_PLATFORM_META_CLIENT_SECRET_FILE",
    authorizeUrl({ state, redirectUri }) {
      const u = new URL(cfg.authorize_url);
      u.search = new URLSearchParams({ client_id: cfg.client_id, redirect_uri: redirectUri, state, response_type: "code", scope: FACEBOOK_SCOPES.join(",") }).toString();
      return u.toString();
    },
    async exchange({ code, redirectUri }) {
      const url = new URL(`${cfg.graph_base}/oauth/access_token`);
      url.search = new URLSearchParams({ client_id: cfg.client_id, client_secret: cfg.client_secret, redirect_uri: redirectUri, code }).toString();
      let res: Response;
      try {
        res = await fetch(url);
      } catch (e) {
        throw new PlatformError("transient", `cannot reach Meta: ${e instanceof Error ? e.message : e}`);
      }
      if (!res.ok) throw new PlatformError("rejected", "Facebook did not accept the login answer (it expired or was already used); please connect again");
      const user = await exchangeLongLived(cfg, ((await res.json()) as { access_token: string }).access_token, now());
      const pages = await graphCall(cfg, user.accessToken, now)<{ data?: { id: string; name: string; access_token?: string; picture?: { data?: { url?: string } } }[] }>("/me/accounts", {
        params: { fields: "id,name,access_token,picture" },
        during: "listing your Pages",
      });
      const managed = (pages.data ?? []).filter((p) => p.access_token);
      if (managed.length === 0) throw new PlatformError("rejected", "this Facebook login manages no Pages; create or get admin access to a Page, then connect again");
      // Each Page has its own token: one connection per Page, the user token kept to renew them.
      return {
        tokens: { accessToken: managed[0]!.access_token!, refreshToken: user.accessToken, expiresAt: user.expiresAt, scopes: FACEBOOK_SCOPES },
        accounts: managed.map((p) => ({
          accountId: p.id,
          accountName: p.name,
          avatarUrl: p.picture?.data?.url ?? "",
          tokens: { accessToken: p.access_token!, refreshToken: user.accessToken, expiresAt: user.expiresAt, scopes: FACEBOOK_SCOPES },
        })),
      };
    },
  };
}
