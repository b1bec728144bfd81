import type { CredentialCheck } from "./credential-check";
import type { PlatformId } from "./ids";
import type { TokenSet } from "./types";

/** An account the user can post as, found after the code exchange (a Meta login may offer several Pages). */
export interface OAuthAccount {
  accountId: string;
  accountName: string;
  avatarUrl: string;
  extra?: Record<string, string>;
  /** Tokens of this account when they differ from the login's (a Facebook Page has its own token). */
  tokens?: TokenSet;
}

/** One platform's OAuth 2.0 authorization-code flow. */
export interface OAuthProvider {
  platform: PlatformId;
  /** Scopes we ask for; the card shows those the user did not grant. */
  scopes: string[];
  usesPkce: boolean;
  /** Empty when the app credentials are set; otherwise the YAML the owner must add. */
  missingConfig(): string;
  /** The platform's consent page URL. */
  authorizeUrl(a: { state: string; codeChallenge: string; redirectUri: string }): string;
  /** What the user can do when the platform sends `error` back instead of a code ("" when nothing to add). */
  deniedHint?(error: string): string;
  /** Asks the platform's token endpoint whether the app's client id and secret are valid, without a user. */
  checkCredentials(): Promise<CredentialCheck>;
  /** Exchanges the code for tokens and reads the account(s) behind them. */
  exchange(a: { code: string; codeVerifier: string; redirectUri: string }): Promise<{ tokens: TokenSet; accounts: OAuthAccount[] }>;
}
