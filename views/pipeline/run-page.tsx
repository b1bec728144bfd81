import type { ResearchOutput } from "../../src/agents/research/facts";
import type { User } from "../../src/auth/sessions";
import type { LlmCallRow } from "../../src/llm/store";
import { stepProgress, type WorkProgress } from "../../src/lib/progress";
import { PIPELINE_STEPS } from "../../src/model/pipeline-steps";
import type { ItemRow, RunRow, StepRow } from "../../src/pipeline/store";
import { Page } from "../layout/page";
import { ExportForm } from "../exports/form";
import { ProgressBar } from "../layout/progress";
import { RunLlmCalls } from "./llm-calls";
import { RunTimeline, StatusBadge } from "./timeline";

/** What the run page shows. */
export interface RunPageProps {
  user: User;
  csrf: string;
  unread: number;
  run: RunRow;
  appName: string;
  timezone: string;
  steps: StepRow[];
  items: ItemRow[];
  /** The model requests logged for this run. */
  calls: LlmCallRow[];
  /** Measured progress of the renders still going, by item id (from each item's newest render job). */
  renders: Map<number, WorkProgress>;
  /** Now, for the time left. */
  now: Date;
}

/** What the live part of the run page needs (everything but the page's shell). */
export type RunBodyProps = Omit<RunPageProps, "user" | "csrf" | "unread">;

function localTime(d: Date | null, tz: string): string {
  return d ? d.toLocaleString("en-GB", { timeZone: tz, weekday: "short", hour: "2-digit", minute: "2-digit" }) : "";
}

function writerLabel(writer: string): string {
  return writer === "builtin" ? "Built-in writer" : writer;
}

function Facts(props: { research: ResearchOutput }): JSX.Element {
  const f = props.research.facts;
  const list = (title: string, xs: string[]) =>
    xs.length > 0 ? (
      <div>
        <h3 safe>{title}</h3>
        <ul>
          {xs.map((x) => (
            <li safe>{x}</li>
          ))}
        </ul>
      </div>
    ) : (
      ""
    );
  return (
    <section class="card">
      <h2>What research found {props.research.cached ? <span class="badge">site unchanged, reused</span> : ""}</h2>
      <p safe>{f.whatItDoes || "The site does not say what the product does."}</p>
      {f.audience ? <p class="muted" safe>{`For: ${f.audience} · Tone: ${f.tone}`}</p> : ""}
      <div class="grid2">
        {list("Features", f.features)}
        {list("Proof points", f.proofPoints)}
        {list("Pricing mentions", f.pricing)}
        {list(
          "From the feeds",
          props.research.trends.map((t) => t.title),
        )}
      </div>
      {props.research.problems.length > 0 ? (
        <div class="notice notice-info">
          <ul>
            {props.research.problems.map((p) => (
              <li safe>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        ""
      )}
    </section>
  );
}

function MediaCell(props: { item: ItemRow; render?: WorkProgress }): JSX.Element {
  const i = props.item;
  const working = i.mediaStatus === "waiting" || i.mediaStatus === "rendering";
  if (!working) return <StatusBadge status={i.mediaStatus} />;
  return <ProgressBar label={`Media of ${i.platform} ${i.variant}`} progress={props.render ?? { percent: 0, note: i.mediaStatus }} />;
}

function Items(props: { items: ItemRow[]; timezone: string; renders: Map<number, WorkProgress> }): JSX.Element {
  if (props.items.length === 0) return <p class="empty">No posts yet.</p>;
  return (
    <div class="table-wrap">
      <table class="stack-on-phone">
        <thead>
          <tr>
            <th>Platform</th>
            <th>Post</th>
            <th>Writer</th>
            <th>Planned</th>
            <th>Media</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr>
              <td data-label="Platform" safe>
                {`${i.platform} ${i.variant}`}
              </td>
              <td data-label="Post">
                {i.title ? <strong safe>{i.title}</strong> : ""}
                <p class="post-text" safe>
                  {i.failure ?? i.caption}
                </p>
                {i.hashtags.length > 0 ? (
                  <p class="muted" safe>
                    {i.hashtags.map((h) => `#${h}`).join(" ")}
                  </p>
                ) : (
                  ""
                )}
              </td>
              <td data-label="Writer">
                <span class="badge" safe>
                  {writerLabel(i.writer)}
                </span>
              </td>
              <td data-label="Planned" safe>
                {localTime(i.plannedAt, props.timezone)}
              </td>
              <td data-label="Media">
                <MediaCell item={i} render={props.renders.get(i.id)} />
              </td>
              <td data-label="Status">
                <StatusBadge status={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const STEP_NOTES: Record<string, string> = {
  research: "reading the site and feeds",
  creative: "writing the posts",
  media: "handing videos to the media studio",
  optimize: "picking variants and times",
  queue: "queueing for approval",
};

/** Whether the run page still has something to wait for: the run itself, or a render of one of its posts. */
export function runIsLive(run: RunRow, items: ItemRow[]): boolean {
  return (
    run.status === "queued" || run.status === "running" || items.some((i) => i.mediaStatus === "waiting" || i.mediaStatus === "rendering")
  );
}

function RunProgress(p: { run: RunRow; steps: StepRow[]; now: Date }): JSX.Element {
  if (p.run.status === "queued") return <ProgressBar label="Run progress" progress={{ percent: 0, note: "waiting for a worker" }} />;
  if (p.run.status !== "running") return "";
  const done = p.steps.filter((s) => s.status === "done").length;
  const current = PIPELINE_STEPS.find((name) => !p.steps.some((s) => s.step === name && s.status === "done"));
  const startedAt = p.steps.reduce<Date | null>((first, s) => (first && first < s.startedAt ? first : s.startedAt), null);
  return (
    <ProgressBar
      label="Run progress"
      progress={stepProgress(done, PIPELINE_STEPS.length, startedAt, p.now, current ? (STEP_NOTES[current] ?? current) : "")}
    />
  );
}

/** All of the run's renders as one bar at the top (the per-post bars sit far down the page on a phone). */
function MediaProgress(p: { items: ItemRow[]; renders: Map<number, WorkProgress> }): JSX.Element {
  const media = p.items.filter((i) => i.mediaStatus !== "none");
  const working = (i: ItemRow) => i.mediaStatus === "waiting" || i.mediaStatus === "rendering";
  if (!media.some(working)) return "";
  const total = media.reduce((sum, i) => sum + (working(i) ? (p.renders.get(i.id)?.percent ?? 0) : 100), 0);
  const ready = media.filter((i) => !working(i)).length;
  return (
    <ProgressBar
      label="Media progress"
      progress={{ percent: Math.floor(total / media.length), note: `media for ${ready} of ${media.length} posts done` }}
    />
  );
}

function NextStep(p: { run: RunRow; items: ItemRow[]; live: boolean }): JSX.Element {
  if (p.run.status === "failed") return "";
  if (p.live) return <p class="muted">Posts appear here as they are written; the page updates by itself.</p>;
  const waiting = p.items.filter((i) => i.status === "pending_approval").length;
  return (
    <div class="notice notice-ok next-step" role="status">
      <span safe>{`Done: ${waiting} post${waiting === 1 ? "" : "s"} wait for your approval.`}</span>{" "}
      <a class="button" href="/approval">
        Review the posts
      </a>
    </div>
  );
}

/**
 * The live part of the run page: progress, steps, research, posts with each render's progress, model calls. While the
 * run or a render is going it asks for itself again every 2 s; the answer once all is over has no trigger, so polling stops.
 */
export function RunBody(p: RunBodyProps): JSX.Element {
  const research = p.steps.find((s) => s.step === "research" && s.status === "done")?.output as ResearchOutput | undefined;
  const creative = p.steps.find((s) => s.step === "creative" && s.status === "done")?.output as { notes?: string[] } | undefined;
  const live = runIsLive(p.run, p.items);
  return (
    <div
      id="run-live"
      aria-busy={live ? "true" : "false"}
      hx-get={live ? `/runs/${p.run.id}/progress` : undefined}
      hx-trigger={live ? "every 2s" : undefined}
      hx-swap={live ? "outerHTML" : undefined}
    >
      <RunProgress run={p.run} steps={p.steps} now={p.now} />
      <MediaProgress items={p.items} renders={p.renders} />
      <NextStep run={p.run} items={p.items} live={live} />
      <RunTimeline run={p.run} steps={p.steps} />
      {research ? <Facts research={research} /> : ""}
      <section>
        <h2>Posts</h2>
        <Items items={p.items} timezone={p.timezone} renders={p.renders} />
      </section>
      <RunLlmCalls
        calls={p.calls}
        finished={p.run.status === "ready" || p.run.status === "failed"}
        builtinPosts={p.items.filter((i) => !i.failure && i.writer === "builtin").length}
      />
      {creative?.notes && creative.notes.length > 0 ? (
        <section class="card">
          <h2>What the checks changed</h2>
          <p class="muted">Claims not found on the site are removed, and posts are shortened to each platform's limits.</p>
          <ul>
            {creative.notes.map((n) => (
              <li safe>{n}</li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
    </div>
  );
}

/** The run page: live progress, step timeline, the agents' outputs and the posts they made. */
export function RunPage(p: RunPageProps): JSX.Element {
  return (
    <Page title={`Run #${p.run.id}: ${p.appName}`} user={p.user} csrf={p.csrf} unread={p.unread} active="webapps">
      <>
        <p class="muted" safe>
          {`${p.run.localDate} (${p.timezone}) · attempt ${p.run.attempt} · started by ${p.run.trigger}`}
        </p>
        <p>
          <a href={`/webapps/${p.run.webappId}/runs`}>All runs of this web app</a> · <a href="/approval">Approval</a>
        </p>
        {p.run.batchId ? <ExportForm csrf={p.csrf} what="batch" id={p.run.batchId} label="Download this batch's posts (zip)" /> : ""}
        <RunBody {...p} />
      </>
    </Page>
  );
}
