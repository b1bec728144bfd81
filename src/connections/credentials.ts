// App credentials of a platform entered on the Platforms page (admins only): what the card shows, saving, and the Test button.

import type { AppContext } from "../app/context";
import { CREDENTIAL_ID_FIELD, type SettingSource, saveInstanceSetting, settingSource } from "../instance/overlay";
import type { CredentialCheck } from "../platforms/credential-check";
import type { PlatformId } from "../platforms/ids";
import { type PlatformConfigSection, PLATFORMS, platformEntry } from "../platforms/registry";
import { oauthProviders } from "./oauth";

/** The app credentials part of a platform's card, as an admin sees it (the secret itself never leaves the server). */
export interface CredentialsView {
  section: PlatformConfigSection;
  /** What the platform calls the id ("Client ID", "Client key", "App ID"). */
  idLabel: string;
  secretLabel: string;
  idField: "client_id" | "client_key";
  id: { source: SettingSource; value: string };
  /** The last 4 characters of a secret entered in the browser, so the admin can tell which one is in use. */
  secret: { source: SettingSource; tail: string };
  /** Other platforms that share these credentials (Instagram and Facebook share one Meta app). */
  sharedWith: string[];
}

const LABELS: Record<PlatformConfigSection, { id: string; secret: string }> = {
  platform_x: { id: "OAuth 2.0 Client ID", secret: "Client Secret" },
  platform_youtube: { id: "Client ID", secret: "Client secret" },
  platform_linkedin: { id: "Client ID", secret: "Primary Client Secret" },
  platform_meta: { id: "App ID", secret: "App Secret" },
  platform_tiktok: { id: "Client key", secret: "Client secret" },
};

/** The credentials part of a platform's card. */
export function credentialsView(ctx: AppContext, platform: PlatformId): CredentialsView {
  const section = platformEntry(platform).configSection;
  const idField = CREDENTIAL_ID_FIELD[section];
  const values = ctx.config[section] as Record<string, unknown>;
  const secretSource = settingSource(ctx.config, `${section}.client_secret`);
  const secret = String(values.client_secret ?? "");
  return {
    section,
    idLabel: LABELS[section].id,
    secretLabel: LABELS[section].secret,
    idField,
    id: { source: settingSource(ctx.config, `${section}.${idField}`), value: String(values[idField] ?? "") },
    secret: { source: secretSource, tail: secretSource === "browser" ? secret.slice(-4) : "" },
    sharedWith: PLATFORMS.filter((p) => p.configSection === section && p.id !== platform).map((p) => p.label),
  };
}

/**
 * Saves what the admin typed: the id when it is not set in the config file, the secret only when a new one was typed
 * (an empty field keeps the stored one). Returns the sentence for the form when something is wrong.
 */
export function saveCredentials(ctx: AppContext, platform: PlatformId, form: Record<string, string>, userId: number): string | undefined {
  const v = credentialsView(ctx, platform);
  const label = platformEntry(platform).label;
  const id = (form[v.idField] ?? "").trim();
  const secret = (form.client_secret ?? "").trim();
  if (v.id.source === "file" && v.secret.source === "file")
    return `${label}'s app credentials are set in the configuration file; change them there.`;
  if (v.id.source !== "file" && !id) return `Enter the ${v.idLabel} of your ${label} app.`;
  if (v.secret.source === "unset" && !secret) return `Enter the ${v.secretLabel} of your ${label} app.`;
  if (/\s/.test(id) || /\s/.test(secret)) return "The id and secret contain no spaces; copy them again from the developer portal.";
  if (id.length > 500 || secret.length > 500)
    return "That is longer than any platform's id or secret; copy them again from the developer portal.";
  if (v.id.source !== "file" && id !== v.id.value) saveInstanceSetting(ctx, `${v.section}.${v.idField}`, id, userId);
  if (v.secret.source !== "file" && secret) saveInstanceSetting(ctx, `${v.section}.client_secret`, secret, userId);
  return undefined;
}

/** The Test button: asks the platform's token endpoint about the credentials in effect. */
export async function testCredentials(ctx: AppContext, platform: PlatformId): Promise<CredentialCheck> {
  const provider = oauthProviders(ctx)[platform];
  const label = platformEntry(platform).label;
  if (!provider) return { outcome: "failed", text: `${label} cannot be connected in this version.` };
  if (provider.missingConfig()) return { outcome: "failed", text: `Enter and save the ${label} app credentials first, then test them.` };
  return provider.checkCredentials();
}
