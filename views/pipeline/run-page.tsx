import type { ResearchOutput } from "../../src/agents/research/facts";
import type { User } from "../../src/auth/sessions";
import type { LlmCallRow } from "../../src/llm/store";
import type { ItemRow, RunRow, StepRow } from "../../src/pipeline/store";
import { Page } from "../layout/page";
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
}

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

function Items(props: { items: ItemRow[]; timezone: string }): JSX.Element {
  if (props.items.length === 0) return <p class="empty">No posts yet.</p>;
  return (
    <div class="table-wrap">
      <table>
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
              <td safe>{`${i.platform} ${i.variant}`}</td>
              <td>
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
              <td>
                <span class="badge" safe>
                  {writerLabel(i.writer)}
                </span>
              </td>
              <td safe>{localTime(i.plannedAt, props.timezone)}</td>
              <td>
                <StatusBadge status={i.mediaStatus} />
              </td>
              <td>
                <StatusBadge status={i.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The run page: step timeline with live progress, the agents' outputs and the posts they made. */
export function RunPage(p: RunPageProps): JSX.Element {
  const research = p.steps.find((s) => s.step === "research" && s.status === "done")?.output as ResearchOutput | undefined;
  const creative = p.steps.find((s) => s.step === "creative" && s.status === "done")?.output as { notes?: string[] } | undefined;
  return (
    <Page title={`Run #${p.run.id}: ${p.appName}`} user={p.user} csrf={p.csrf} unread={p.unread} active="webapps">
      <>
        <p class="muted" safe>
          {`${p.run.localDate} (${p.timezone}) · attempt ${p.run.attempt} · started by ${p.run.trigger}`}
        </p>
        <p>
          <a href={`/webapps/${p.run.webappId}/runs`}>All runs of this web app</a> · <a href="/approval">Approval</a>
        </p>
        <RunTimeline run={p.run} steps={p.steps} />
        {research ? <Facts research={research} /> : ""}
        <section>
          <h2>Posts</h2>
          <Items items={p.items} timezone={p.timezone} />
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
      </>
    </Page>
  );
}
