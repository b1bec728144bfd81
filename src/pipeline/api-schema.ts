import { t } from "elysia";
import type { ItemRow, RunRow, StepRow } from "./store";

/** A run as the API shows it: its steps and the posts it made. */
export const RunSchema = t.Object({
  id: t.Integer(),
  webapp_id: t.Integer(),
  batch_id: t.Integer(),
  local_date: t.String({ description: "YYYY-MM-DD in the owner's time zone." }),
  attempt: t.Integer({ description: "1, or higher for a forced re-run of the same day." }),
  status: t.Union([t.Literal("queued"), t.Literal("running"), t.Literal("ready"), t.Literal("failed")]),
  trigger: t.String({ description: "schedule, manual, cli or api." }),
  error: t.Union([t.String(), t.Null()]),
  created_at: t.String({ format: "date-time" }),
  finished_at: t.Union([t.String({ format: "date-time" }), t.Null()]),
  steps: t.Array(
    t.Object({
      step: t.String({ description: "research, creative, media, optimize or queue." }),
      status: t.String({ description: "running, done or failed." }),
      attempts: t.Integer(),
      summary: t.String(),
      error: t.Union([t.String(), t.Null()]),
    }),
  ),
  items: t.Array(t.Object({ id: t.Integer(), platform: t.String(), variant: t.String(), status: t.String(), writer: t.String() })),
});

/** The optional body of POST /api/v1/webapps/:id/runs. */
export const RunCreateBody = t.Object(
  {
    date: t.Optional(
      t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "Local date (YYYY-MM-DD); today in your time zone by default." }),
    ),
    force: t.Optional(t.Boolean({ description: "Make a new attempt even when the day already has a batch." })),
  },
  { additionalProperties: false },
);

/** A run in API form. */
export function runJson(run: RunRow, steps: StepRow[], items: ItemRow[]) {
  return {
    id: run.id,
    webapp_id: run.webappId,
    batch_id: run.batchId,
    local_date: run.localDate,
    attempt: run.attempt,
    status: run.status,
    trigger: run.trigger,
    error: run.error,
    created_at: run.createdAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    steps: steps.map((s) => ({ step: s.step, status: s.status, attempts: s.attempts, summary: s.summary, error: s.error })),
    items: items.map((i) => ({ id: i.id, platform: i.platform, variant: i.variant, status: i.status, writer: i.writer })),
  };
}
