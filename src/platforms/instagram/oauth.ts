import type { Config } from "../../config/schema";
import { exchangeLongLived, graphCall } from "../meta/graph";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";

/** What Instagram publishing needs through Facebook Login for Business. */
export const INSTAGRAM_SCOPES = ["instagram_basic", "instagram_content_publish", "pages_show_list", "pages_read_engagement", "business_management"];

/**
 * Facebook Login (state checked; Meta's web login has no PKCE), the code exchanged for a long-lived
 * user token, then every Instagram professional account linked to the user's Pages is offered.
 */
export function instagramOAuth(cfg: Config["platform_meta"], now: () => Date): OAuthProvider {
  return {
    platform: "instagram",
    scopes: INSTAGRAM_SCOPES,
    usesPkce: false,
    missingConfig: () =>
      cfg.client_id && cfg.client_secret ? "" : "platform_meta:\n  client_id: <App ID from developers.facebook.com>\n  client_secret: <App Secret> # or AMARKTAI_PLATFORM_META_CLIENT_SECRET_FILE",
    authorizeUrl({ state, redirectUri }) {
      const u = new URL(cfg.authorize_url);
      u.search = new URLSearchParams({ client_id: cfg.client_id, redirect_uri: redirectUri, state, response_type: "code", scope: INSTAGRAM_SCOPES.join(",") }).toString();
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
      const short = (await res.json()) as { access_token: string };
      const tokens = await exchangeLongLived(cfg, short.access_token, now());
      const pages = await graphCall(cfg, tokens.accessToken, now)<{ data?: { id: string; name: string; instagram_business_account?: { id: string; username?: string; profile_picture_url?: string } }[] }>("/me/accounts", {
        params: { fields: "id,name,instagram_business_account{id,username,profile_picture_url}" },
        during: "listing your Pages",
      });
      const accounts = (pages.data ?? [])
        .filter((p) => p.instagram_business_account)
        .map((p) => ({
          accountId: p.instagram_business_account!.id,
          accountName: `@${p.instagram_business_account!.username ?? p.instagram_business_account!.id} (via ${p.name})`,
          avatarUrl: p.instagram_business_account!.profile_picture_url ?? "",
          extra: { username: p.instagram_business_account!.username ?? "", pageId: p.id },
        }));
      if (accounts.length === 0) throw new PlatformError("rejected", "none of your Facebook Pages has an Instagram professional account linked; link one in Instagram's settings, then connect again");
      return { tokens: { ...tokens, scopes: INSTAGRAM_SCOPES }, accounts };
    },
  };
}
