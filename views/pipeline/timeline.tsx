import Html from "@kitajs/html";
import { PIPELINE_STEPS } from "../../src/model/pipeline-steps";
import type { RunRow, StepRow } from "../../src/pipeline/store";

const STEP_LABELS: Record<string, string> = {
  research: "Research the site and feeds",
  creative: "Write the posts",
  media: "Hand videos to the media studio",
  optimize: "Pick variants and times",
  queue: "Queue for approval",
};

const BADGE: Record<string, string> = { done: "ok", ready: "ok", running: "warn", queued: "", failed: "danger", pending: "" };

/** A status badge with its word. */
export function StatusBadge(props: { status: string }): JSX.Element {
  return (
    <span class={`badge ${BADGE[props.status] ?? ""}`} safe>
      {props.status}
    </span>
  );
}

function seconds(step: StepRow): string {
  return step.finishedAt ? `${((step.finishedAt.getTime() - step.startedAt.getTime()) / 1000).toFixed(1)} s` : "";
}

/** The step timeline of a run (refreshed with the rest of the run page's live part, views/pipeline/run-page.tsx:RunBody). */
export function RunTimeline(props: { run: RunRow; steps: StepRow[] }): JSX.Element {
  const live = props.run.status === "queued" || props.run.status === "running";
  return (
    <section id="run-timeline" class="card">
      <div class="page-head">
        <h2>
          Steps <StatusBadge status={props.run.status} />
        </h2>
        {live ? <span class="spinner" aria-label="in progress"></span> : ""}
      </div>
      {props.run.error ? (
        <div class="notice notice-error" role="alert" safe>
          {props.run.error}
        </div>
      ) : (
        ""
      )}
      <ol class="timeline">
        {PIPELINE_STEPS.map((name) => {
          const s = props.steps.find((x) => x.step === name);
          return (
            <li class={`timeline-step ${s?.status ?? "pending"}`}>
              <div class="timeline-head">
                <strong safe>{STEP_LABELS[name] ?? name}</strong> <StatusBadge status={s?.status ?? "pending"} />
                {s && s.attempts > 1 ? <span class="muted"> attempt {Html.escapeHtml(String(s.attempts))}</span> : ""}
                {s ? <span class="muted" safe>{` ${seconds(s)}`}</span> : ""}
              </div>
              {s?.summary ? <p safe>{s.summary}</p> : ""}
              {s?.error ? (
                <p class="field-error" safe>
                  {s.error}
                </p>
              ) : (
                ""
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
