import Html from "@kitajs/html";
import type { User } from "../../src/auth/sessions";
import { START_STEPS, type StartStep } from "../../src/model/start-steps";
import type { StartFacts } from "../../src/dashboard/start-store";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { Page } from "../layout/page";

const STEP_NAMES: Record<(typeof START_STEPS)[number], string> = {
  webapp: "Add your web app",
  platforms: "Connect platforms",
  generate: "Generate the first batch",
  review: "Review and approve",
};

/**
 * The small step indicator: which steps are done, which one is now. "Connect platforms" passed with nothing connected
 * was skipped (posting by hand), and says so instead of showing a tick.
 */
export function StartSteps(props: { step: StartStep; connected: number }): JSX.Element {
  const at = props.step === "done" ? START_STEPS.length : START_STEPS.indexOf(props.step);
  const skipped = (s: (typeof START_STEPS)[number], i: number) => s === "platforms" && i < at && props.connected === 0;
  return (
    <ol class="start-steps" aria-label="Guided start">
      {START_STEPS.map((s, i) => (
        <li class={skipped(s, i) ? "skipped" : i < at ? "done" : i === at ? "now" : ""} aria-current={i === at ? "step" : undefined}>
          <span class="start-num" aria-hidden="true">
            {Html.escapeHtml(skipped(s, i) ? "–" : i < at ? "✓" : String(i + 1))}
          </span>
          <span safe>{STEP_NAMES[s]}</span>
          {skipped(s, i) ? (
            <span class="muted"> (skipped: posting by hand)</span>
          ) : i < at ? (
            <span class="visually-hidden"> (done)</span>
          ) : (
            ""
          )}
        </li>
      ))}
    </ol>
  );
}

function platformList(ids: readonly string[]): string {
  return ids.map((p) => PLATFORM_RULES[p as keyof typeof PLATFORM_RULES]?.label ?? p).join(", ");
}

function GenerateForm(props: { webappId: number; csrf: string; label: string }): JSX.Element {
  return (
    <form method="post" action={`/webapps/${props.webappId}/runs`}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <button type="submit" safe>
        {props.label}
      </button>
    </form>
  );
}

function StepBody(props: { step: StartStep; facts: StartFacts; csrf: string }): JSX.Element {
  const { facts: f, step } = props;
  const app = f.webapp;
  if (step === "webapp" || !app)
    return (
      <>
        <p>Paste the address of the web app you want to market. We read its name, description and images; you pick where to post.</p>
        <p class="muted">Next: connect the platforms you post to, or skip and post by hand.</p>
        <div class="actions">
          <a class="button" href="/webapps/new">
            Add your first web app
          </a>
        </div>
      </>
    );
  const unconnected = app.platforms.filter((p) => !f.connected.includes(p));
  if (step === "platforms")
    return (
      <>
        <p safe>{`${app.name} posts to ${platformList(app.platforms) || "no platform yet"}.`}</p>
        <p>
          Connect an account to publish automatically at the planned time. Skipping is fine: posts for platforms you have not connected end
          up "ready for manual posting", with a download to post them yourself.
        </p>
        <p class="muted">Next: generate the first batch of posts, with live progress.</p>
        <div class="actions">
          <a class="button" href="/platforms">
            Connect platforms
          </a>
          <a class="button secondary" href="/start?skip=connect">
            Skip: I will post by hand
          </a>
          <a href={`/webapps/${app.id}/edit`}>Change the platforms</a>
        </div>
      </>
    );
  if (step === "generate") {
    const going = f.run && (f.run.status === "queued" || f.run.status === "running" || f.rendering > 0);
    if (going)
      return (
        <>
          <p>The first batch is being made: research, writing, then a video or image for each post.</p>
          <p class="muted">Next: review the posts on the approval page.</p>
          <div class="actions">
            <a class="button" href={`/runs/${f.run!.id}`}>
              Watch the progress
            </a>
          </div>
        </>
      );
    return (
      <>
        {f.run?.status === "failed" ? <p class="field-error">The last run failed; its page says why. Try again:</p> : ""}
        <p
          safe
        >{`Generate ${app.name}'s first batch now instead of waiting for tonight: it takes a minute or two, and you watch each step and render.`}</p>
        {unconnected.length > 0 ? <p class="muted" safe>{`Not connected (posted by hand): ${platformList(unconnected)}.`}</p> : ""}
        <p class="muted">Next: review the posts on the approval page.</p>
        <div class="actions">
          <GenerateForm webappId={app.id} csrf={props.csrf} label="Generate now" />
        </div>
      </>
    );
  }
  if (step === "review")
    return (
      <>
        <p
          safe
        >{`${f.pending} post${f.pending === 1 ? " waits" : "s wait"} for you. Approve, edit or reject each; approved posts go out at their planned time.`}</p>
        <p class="muted">Next: a new batch arrives every night; the dashboard shows what is scheduled.</p>
        <div class="actions">
          <a class="button" href="/approval">
            Review the posts
          </a>
        </div>
      </>
    );
  return (
    <>
      <p>You are set: a new batch arrives every night for your approval. Want one now?</p>
      <div class="actions">
        <GenerateForm webappId={app.id} csrf={props.csrf} label={`Generate a batch for ${app.name} now`} />
        <a class="button secondary" href="/dashboard">
          Go to the dashboard
        </a>
      </div>
    </>
  );
}

/** The guided start as a card (on /start and, until it is done, on the dashboard): step indicator, what now, what next. */
export function StartGuide(props: { step: StartStep; facts: StartFacts; csrf: string }): JSX.Element {
  return (
    <section class="card start-guide stack" aria-labelledby="start-title">
      <h2 id="start-title">Getting started</h2>
      <StartSteps step={props.step} connected={props.facts.connected.length} />
      <StepBody step={props.step} facts={props.facts} csrf={props.csrf} />
    </section>
  );
}

/** /start: the guided start on its own page. */
export function StartPage(props: { user: User; csrf: string; unread: number; step: StartStep; facts: StartFacts }): JSX.Element {
  return (
    <Page title="Get started" user={props.user} csrf={props.csrf} unread={props.unread} active="dashboard">
      <StartGuide step={props.step} facts={props.facts} csrf={props.csrf} />
    </Page>
  );
}
