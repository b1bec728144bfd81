// The content lifecycle's state names as plain values, for the database schema, domains and views alike. Imports nothing.

/** The content lifecycle's states; transitions are enforced in src/content/state.ts only. */
export const CONTENT_STATES = [
  "draft",
  "pending_approval",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "rejected",
  "expired",
  "failed",
  "needs_check",
  "manual_ready",
] as const;
/** One content lifecycle state. */
export type ContentState = (typeof CONTENT_STATES)[number];

/** States in which copy and plan may still be edited. */
export const EDITABLE_STATES: readonly ContentState[] = ["pending_approval", "approved"];
