import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { exchangeMetaCode, metaAuthorizeUrl, metaMissingConfig, checkMetaCredentials } from "../meta/login";
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
    missingConfig: () => metaMissingConfig(cfg),
    checkCredentials: () => checkMetaCredentials(cfg),
    authorizeUrl: ({ state, redirectUri }) => metaAuthorizeUrl(cfg, state, redirectUri, FACEBOOK_SCOPES),
    async exchange({ code, redirectUri }) {
      const user = await exchangeMetaCode(cfg, code, redirectUri, now());
      const pages = await graphCall(
        cfg,
        user.accessToken,
        now,
      )<{ data?: { id: string; name: string; access_token?: string; picture?: { data?: { url?: string } } }[] }>("/me/accounts", {
        params: { fields: "id,name,access_token,picture" },
        during: "listing your Pages",
      });
      const managed = (pages.data ?? []).filter((p) => p.access_token);
      if (managed.length === 0)
        throw new PlatformError(
          "rejected",
          "this Facebook login manages no Pages; create or get admin access to a Page, then connect again",
        );
      // Each Page has its own token: one connection per Page, the user token kept to renew them.
      return {
        tokens: {
          accessToken: managed[0]!.access_token!,
          refreshToken: user.accessToken,
          expiresAt: user.expiresAt,
          scopes: FACEBOOK_SCOPES,
        },
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
