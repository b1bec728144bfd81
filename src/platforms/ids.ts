// The platforms the app publishes to, by id: the one list every layer (database, adapters, views) names them from. Imports nothing.

/** Every platform id, in the order pages list them. */
export const PLATFORM_IDS = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"] as const;

/** One platform's id. */
export type PlatformId = (typeof PLATFORM_IDS)[number];
