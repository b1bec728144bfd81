// The pipeline's step names as plain values, for the database schema, the run and views alike. Imports nothing.

/** The pipeline's step names, in the order a run executes them. */
export const PIPELINE_STEPS = ["research", "creative", "media", "optimize", "queue"] as const;
/** One pipeline step. */
export type PipelineStep = (typeof PIPELINE_STEPS)[number];
