import { bool, int, oneOf, str, url } from "../option";

const creds = (label: string, env: string) => ({
  client_id: str({ default: "", doc: `${label} app client id (empty: ${label} cannot be connected).` }),
  client_secret: str({ default: "", secret: true, doc: `${label} app client secret (or AMARKTAI_${env}_CLIENT_SECRET_FILE).` }),
});

/** X (OAuth 2.0 with PKCE, API v2 incl. media upload v2). */
export const platform_x = {
  ...creds("X", "PLATFORM_X"),
  api_base: url({ default: "https://api.x.com/2", doc: "X API v2 base URL (posts, users, media upload)." }),
  authorize_url: url({ default: "https://x.com/i/oauth2/authorize", doc: "X OAuth 2.0 authorization page." }),
  token_url: url({ default: "https://api.x.com/2/oauth2/token", doc: "X OAuth 2.0 token endpoint." }),
  upload_chunk_bytes: int({
    default: 4 * 1024 * 1024,
    min: 1024,
    max: 5 * 1024 * 1024,
    doc: "Bytes per media upload APPEND segment (X allows up to 5 MB).",
  }),
};

/** YouTube Data API v3 through googleapis. */
export const platform_youtube = {
  ...creds("YouTube", "PLATFORM_YOUTUBE"),
  api_root: url({
    default: "https://youtube.googleapis.com",
    doc: "Root URL googleapis uses for the YouTube Data API (uploads go to <root>/upload/...).",
  }),
  analytics_root: url({
    default: "https://youtubeanalytics.googleapis.com",
    doc: "Root URL of the YouTube Analytics API v2 (<root>/v2/reports): watch time, average view duration, shares.",
  }),
  authorize_url: url({ default: "https://accounts.google.com/o/oauth2/v2/auth", doc: "Google OAuth 2.0 authorization page." }),
  token_url: url({ default: "https://oauth2.googleapis.com/token", doc: "Google OAuth 2.0 token endpoint." }),
  upload_chunk_bytes: int({
    default: 8 * 1024 * 1024,
    min: 256 * 1024,
    max: 256 * 1024 * 1024,
    doc: "Bytes per resumable upload chunk (rounded to a multiple of 256 KiB, as YouTube requires).",
  }),
};

/** LinkedIn REST API (versioned). */
export const platform_linkedin = {
  ...creds("LinkedIn", "PLATFORM_LINKEDIN"),
  api_base: url({ default: "https://api.linkedin.com", doc: "LinkedIn API host (/rest/... and /v2/userinfo)." }),
  authorize_url: url({ default: "https://www.linkedin.com/oauth/v2/authorization", doc: "LinkedIn OAuth 2.0 authorization page." }),
  token_url: url({ default: "https://www.linkedin.com/oauth/v2/accessToken", doc: "LinkedIn OAuth 2.0 token endpoint." }),
  version: str({
    default: "202605",
    pattern: /^\d{6}$/,
    hint: "a month as YYYYMM",
    doc: "LinkedIn-Version header sent with every call (a supported month).",
  }),
  organizations: bool({
    default: true,
    doc: "Also ask for w_organization_social, r_organization_social and rw_organization_admin, so the LinkedIn Pages the member administers can be posted as. Needs the Community Management API product on the LinkedIn app; set false when the app only has Share on LinkedIn and Sign In with OpenID Connect (LinkedIn refuses the whole sign-in when asked for a scope the app lacks).",
  }),
};

/** Meta Graph API for Instagram professional accounts and Facebook Pages (Facebook Login). */
export const platform_meta = {
  ...creds("Meta (Instagram and Facebook)", "PLATFORM_META"),
  graph_base: url({ default: "https://graph.facebook.com/v23.0", doc: "Graph API base URL with version." }),
  authorize_url: url({ default: "https://www.facebook.com/v23.0/dialog/oauth", doc: "Facebook Login dialog." }),
};

/** TikTok Content Posting API (Login Kit v2). */
export const platform_tiktok = {
  client_key: str({ default: "", doc: "TikTok app client key (empty: TikTok cannot be connected)." }),
  client_secret: str({ default: "", secret: true, doc: "TikTok app client secret (or AMARKTAI_PLATFORM_TIKTOK_CLIENT_SECRET_FILE)." }),
  api_base: url({ default: "https://open.tiktokapis.com", doc: "TikTok Open API host." }),
  authorize_url: url({
    default: "https://www.tiktok.com/v2/auth/authorize",
    doc: "TikTok Login Kit authorization page (the trailing slash TikTok requires is added when the link is built).",
  }),
  privacy_level: oneOf({
    default: "PUBLIC_TO_EVERYONE",
    values: ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"] as const,
    doc: "Who sees TikTok posts. Apps TikTok has not audited may only post SELF_ONLY.",
  }),
  chunk_bytes: int({
    default: 10 * 1024 * 1024,
    min: 5 * 1024 * 1024,
    max: 64 * 1024 * 1024,
    doc: "Upload chunk size (TikTok allows 5-64 MB; videos under 5 MB go in one chunk).",
  }),
};

/** The publishing queue. */
export const publishing = {
  max_attempts: int({
    default: 6,
    min: 1,
    max: 50,
    doc: "Transient failures (network, 5xx) allowed per item before it fails for good; waits for caps and rate limits do not count.",
  }),
  backoff_base_seconds: int({
    default: 30,
    min: 1,
    max: 3600,
    doc: "First retry delay after a transient failure; doubles each time (with jitter).",
  }),
  backoff_max_minutes: int({ default: 60, min: 1, max: 1440, doc: "Longest retry delay after a transient failure." }),
  processing_timeout_minutes: int({ default: 30, min: 1, max: 240, doc: "How long to wait for a platform to finish processing a video." }),
  reconcile_delay_seconds: int({
    default: 60,
    min: 0,
    max: 3600,
    doc: "After a create call with no answer, wait this long before looking for the post among the account's recent posts.",
  }),
  refresh_ahead_minutes: int({ default: 30, min: 1, max: 1440, doc: "Refresh access tokens this long before they expire." }),
};
