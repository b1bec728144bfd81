// Settings entered in the browser overlay the config file: the file and the environment win where they set a value.
// The effective config is rebuilt once per change and put on the context, so requests and jobs read plain values.

import type { AppContext } from "../app/context";
import { unreachableBaseUrlReason } from "../clicks/reach";
import { setExplicitly } from "../config/load";
import { ConfigValueError } from "../config/option";
import { type Config, schema } from "../config/schema";
import type { PlatformConfigSection } from "../platforms/registry";
import { setSiteWarning } from "../../views/layout/site-warning";
import { deleteInstanceSetting, listInstanceSettings, putInstanceSetting } from "./store";

/** The id field of each platform section (TikTok calls its client id a client key); the secret is always client_secret. */
export const CREDENTIAL_ID_FIELD: Record<PlatformConfigSection, "client_id" | "client_key"> = {
  platform_x: "client_id",
  platform_youtube: "client_id",
  platform_linkedin: "client_id",
  platform_meta: "client_id",
  platform_tiktok: "client_key",
};

/** The public address setting's key. */
export const PUBLIC_BASE_URL = "server.public_base_url";

const SECRET_FIELD = "client_secret";

function overlayable(key: string): boolean {
  if (key === PUBLIC_BASE_URL) return true;
  const [section, field] = key.split(".") as [PlatformConfigSection, string];
  return section in CREDENTIAL_ID_FIELD && (field === CREDENTIAL_ID_FIELD[section] || field === SECRET_FIELD);
}

const bases = new WeakMap<Config, Config>();

/** The config as the file and the environment gave it, before any setting from the browser. */
export function fileConfig(config: Config): Config {
  return bases.get(config) ?? config;
}

function read(config: Config, key: string): string {
  const [section, field] = key.split(".") as [keyof Config, string];
  return String((config[section] as Record<string, unknown>)[field] ?? "");
}

/** True when the config file or the environment sets this key, so the browser may not change it. */
export function setInConfigFile(config: Config, key: string): boolean {
  const base = fileConfig(config);
  if (key === PUBLIC_BASE_URL)
    return setExplicitly(base, PUBLIC_BASE_URL) || base.server.public_base_url !== schema.server.public_base_url.default;
  return read(base, key) !== "";
}

/** Rebuilds ctx.config from the file config and the stored settings; called at start and after every change. */
export function applyInstanceSettings(ctx: Pick<AppContext, "config" | "db" | "secrets" | "log">): void {
  const base = fileConfig(ctx.config);
  const next = { ...base } as Record<string, Record<string, unknown>>;
  for (const row of listInstanceSettings(ctx.db)) {
    if (!overlayable(row.key) || setInConfigFile(base, row.key)) continue;
    let value: string;
    try {
      value = row.sealed ? ctx.secrets.open(row.value) : row.value;
    } catch {
      ctx.log.warn(`instance: the stored ${row.key} cannot be opened with this box's encryption key; enter it again on the Platforms page`);
      continue;
    }
    const [section, field] = row.key.split(".") as [string, string];
    next[section] = { ...next[section], [field]: value };
  }
  bases.set(next as Config, base);
  ctx.config = next as Config;
  setSiteWarning(addressWarning(ctx.config));
}

// Every page warns while links built from the public address would point where the audience or a phone cannot go.
function addressWarning(config: Config) {
  const reason = unreachableBaseUrlReason(config.server.public_base_url);
  if (!reason) return undefined;
  const fixable = !setInConfigFile(config, PUBLIC_BASE_URL);
  return {
    text: `${reason} Links in emails, callbacks registered with platforms and media for Instagram need an address others can reach.`,
    href: "/settings/box",
    linkText: fixable ? "Set the public address" : "See the public address (set in the configuration file)",
  };
}

/** Checks a public address as the config file would (absolute http(s) URL, no trailing slash); returns the value or the problem. */
export function parsePublicBaseUrl(raw: string): { value: string } | { problem: string } {
  const v = schema.server.public_base_url.parse(raw.trim());
  return v instanceof ConfigValueError ? { problem: `The public address: ${v.message}.` } : { value: v };
}

/** Stores one overlay setting (secrets sealed) and rebuilds the effective config; refuses keys the config file sets. */
export function saveInstanceSetting(ctx: AppContext, key: string, value: string, userId: number | null): void {
  if (!overlayable(key)) throw new Error(`instance.overlay: ${key} cannot be set from the browser`);
  if (setInConfigFile(ctx.config, key)) throw new Error(`instance.overlay: ${key} is set in the configuration file`);
  const sealed = key.endsWith(`.${SECRET_FIELD}`);
  putInstanceSetting(ctx.db, {
    key,
    value: sealed ? ctx.secrets.seal(value) : value,
    sealed,
    updatedAt: ctx.clock.now(),
    updatedBy: userId,
  });
  applyInstanceSettings(ctx);
}

/** Removes a stored overlay setting and rebuilds the effective config. */
export function clearInstanceSetting(ctx: AppContext, key: string): void {
  deleteInstanceSetting(ctx.db, key);
  applyInstanceSettings(ctx);
}

/** Where a value in effect comes from: the config file (read-only), the browser, or nowhere yet. */
export type SettingSource = "file" | "browser" | "unset";

/** The source of an overlayable key's value in effect. */
export function settingSource(config: Config, key: string): SettingSource {
  if (setInConfigFile(config, key)) return "file";
  if (key === PUBLIC_BASE_URL) return config.server.public_base_url !== fileConfig(config).server.public_base_url ? "browser" : "unset";
  return read(config, key) !== "" ? "browser" : "unset";
}
