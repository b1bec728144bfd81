/** The guided start's steps, in order: add a web app, connect platforms (or skip), generate the first batch, review it. */
export const START_STEPS = ["webapp", "platforms", "generate", "review"] as const;

/** Where a user is in the guided start; "done" once a first batch has been reviewed. */
export type StartStep = (typeof START_STEPS)[number] | "done";
