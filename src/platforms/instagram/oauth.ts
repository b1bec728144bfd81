import type { Config } from "../../config/schema";
import { graphCall } from "../meta/graph";
import { exchangeMetaCode, metaAuthorizeUrl, metaMissingConfig, checkMetaCredentials } from "../meta/login";
import type { OAuthProvider } from "../oauth";
import { PlatformError } from "../types";

/** What Instagram publishing needs through Facebook Login for Business. */
export const INSTAGRAM_SCOPES = [
  "instagram_basic",
  "instagram_content_publish",
  "pages_show_list",
  "pages_read_engagement",
  "business_management",
];

/**
 * Facebook Login (state checked; Meta's web login has no PKCE), the code exchanged for a long-lived
 * user token, then every Instagram professional account linked to the user's Pages is offered.
 */
export function instagramOAuth(cfg: Config["platform_meta"], now: () => Date): OAuthProvider {
  return {
    platform: "instagram",
    scopes: INSTAGRAM_SCOPES,
    usesPkce: false,
    missingConfig: () => metaMissingConfig(cfg),
    checkCredentials: () => checkMetaCredentials(cfg),
    authorizeUrl: ({ state, redirectUri }) => metaAuthorizeUrl(cfg, state, redirectUri, INSTAGRAM_SCOPES),
    async exchange({ code, redirectUri }) {
      const tokens = await exchangeMetaCode(cfg, code, redirectUri, now());
      const pages = await graphCall(
        cfg,
        tokens.accessToken,
        now,
      )<{
        data?: { id: string; name: string; instagram_business_account?: { id: string; username?: string; profile_picture_url?: string } }[];
      }>("/me/accounts", {
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
      if (accounts.length === 0)
        throw new PlatformError(
          "rejected",
          "none of your Facebook Pages has an Instagram professional account linked; link one in Instagram's settings, then connect again",
        );
      return { tokens: { ...tokens, scopes: INSTAGRAM_SCOPES }, accounts };
    },
  };
}
