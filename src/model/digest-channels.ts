// The digest channels as plain values, for the database schema, settings and views alike. Imports nothing.

/** The channels a digest can go out on. */
export const DIGEST_CHANNELS = ["email", "telegram", "inapp"] as const;
/** One digest channel. */
export type DigestChannel = (typeof DIGEST_CHANNELS)[number];
