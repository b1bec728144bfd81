// Every platform the app publishes to, registered once: its rules, limits, config section, adapter and OAuth flow.
// Built only from plain config values and plain functions the caller passes in; nothing here knows the app.

import type { Config } from "../config/schema";
import { facebookAdapter } from "./facebook/adapter";
import { facebookOAuth } from "./facebook/oauth";
import type { PlatformId } from "./ids";
import { instagramAdapter } from "./instagram/adapter";
import { instagramOAuth } from "./instagram/oauth";
import { linkedinAdapter } from "./linkedin/adapter";
import { linkedinOAuth } from "./linkedin/oauth";
import type { OAuthProvider } from "./oauth";
import { PLATFORM_RULES, type PlatformRules } from "./rules";
import { tiktokAdapter } from "./tiktok/adapter";
import { tiktokOAuth } from "./tiktok/oauth";
import type { MediaUrl, PlatformAdapter } from "./types";
import type { Sleep } from "./wait";
import { xAdapter } from "./x/adapter";
import { xOAuth } from "./x/oauth";
import { youtubeAdapter } from "./youtube/adapter";
import { youtubeOAuth } from "./youtube/oauth";

/** What an adapter gets from its caller besides its config section: the clock, waits, and where media can be pulled from. */
export interface AdapterDeps {
  now: () => Date;
  /** How long to wait for the platform to finish processing an upload. */
  processingTimeoutMs: number;
  /** A public URL the platform can pull a media file from, or undefined when the box has none. */
  mediaUrl: MediaUrl;
  sleep?: Sleep;
}

/** How many posts an account may make: the documented daily cap (narrowed at run time where the API tells) and a per-minute limit. */
export interface PlatformLimits {
  dailyCap: number;
  /** Posts per minute per user token, where documented. */
  perMinute?: number;
}

/** The config sections that hold platform settings (src/config/sections/platforms.ts). */
export type PlatformConfigSection = Extract<keyof Config, `platform_${string}`>;

/** One platform as written in the list: its adapter and OAuth flow read only their own config section. */
interface PlatformDefinition<S extends PlatformConfigSection> {
  id: PlatformId;
  limits: PlatformLimits;
  configSection: S;
  adapter: (cfg: Config[S], deps: AdapterDeps) => PlatformAdapter;
  oauth: (cfg: Config[S], now: () => Date) => OAuthProvider;
}

/** One platform as the app uses it: callers hand over the whole config and the entry picks its section. */
export interface PlatformEntry {
  id: PlatformId;
  /** The platform's name on pages and in messages. */
  label: string;
  /** Publishing rules (pure data that views read too, kept in rules.ts). */
  rules: PlatformRules;
  limits: PlatformLimits;
  configSection: PlatformConfigSection;
  /** The adapter the publishing queue posts through. */
  adapter(config: Config, deps: AdapterDeps): PlatformAdapter;
  /** The OAuth flow the Platforms page connects accounts with. */
  oauth(config: Config, now: () => Date): OAuthProvider;
}

function definePlatform<S extends PlatformConfigSection>(d: PlatformDefinition<S>): PlatformEntry {
  const rules = PLATFORM_RULES[d.id];
  return {
    id: d.id,
    label: rules.label,
    rules,
    limits: d.limits,
    configSection: d.configSection,
    adapter: (config, deps) => d.adapter(config[d.configSection], deps),
    oauth: (config, now) => d.oauth(config[d.configSection], now),
  };
}

const common = (deps: AdapterDeps) => ({ sleep: deps.sleep, now: deps.now, processingTimeoutMs: deps.processingTimeoutMs });

/** The platforms, in the order pages list them (the order of PLATFORM_IDS). Adding a platform: docs/architecture.md, "Adding a platform". */
export const PLATFORMS: readonly PlatformEntry[] = [
  definePlatform({
    id: "youtube",
    limits: { dailyCap: 100 },
    configSection: "platform_youtube",
    adapter: (cfg, deps) => youtubeAdapter(cfg, { ...common(deps), chunkBytes: cfg.upload_chunk_bytes }),
    oauth: youtubeOAuth,
  }),
  definePlatform({
    id: "tiktok",
    limits: { dailyCap: 15, perMinute: 6 },
    configSection: "platform_tiktok",
    adapter: (cfg, deps) => tiktokAdapter(cfg, common(deps)),
    oauth: tiktokOAuth,
  }),
  definePlatform({
    id: "instagram",
    limits: { dailyCap: 50 },
    configSection: "platform_meta",
    adapter: (cfg, deps) => instagramAdapter(cfg, { ...common(deps), mediaUrl: deps.mediaUrl }),
    oauth: instagramOAuth,
  }),
  definePlatform({
    id: "facebook",
    limits: { dailyCap: 30 },
    configSection: "platform_meta",
    adapter: (cfg, deps) => facebookAdapter(cfg, common(deps)),
    oauth: facebookOAuth,
  }),
  definePlatform({
    id: "x",
    limits: { dailyCap: 100 },
    configSection: "platform_x",
    adapter: (cfg, deps) => xAdapter(cfg, common(deps)),
    oauth: xOAuth,
  }),
  definePlatform({
    id: "linkedin",
    limits: { dailyCap: 25 },
    configSection: "platform_linkedin",
    adapter: (cfg, deps) => linkedinAdapter(cfg, common(deps)),
    oauth: linkedinOAuth,
  }),
];

const BY_ID = new Map(PLATFORMS.map((p) => [p.id, p]));

/** The entry of a platform id; every id of PLATFORM_IDS has one (tests/platforms/registry.test.ts). */
export function platformEntry(id: PlatformId): PlatformEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`platforms.registry: no entry for ${id}; add one to PLATFORMS (one per id of PLATFORM_IDS)`);
  return entry;
}
