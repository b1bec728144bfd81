import type { User } from "../../src/auth/sessions";
import type { DashboardCounts } from "../../src/dashboard/store";
import type { UpcomingSection } from "../../src/dashboard/upcoming";
import type { StartStep } from "../../src/model/start-steps";
import type { StartFacts } from "../../src/dashboard/start-store";
import { Page } from "../layout/page";
import { StartGuide } from "./start";

function Stat(props: { label: string; value: number; href: string }): JSX.Element {
  return (
    <a class="card stat" href={props.href}>
      <div class="value" safe>
        {String(props.value)}
      </div>
      <div class="label" safe>
        {props.label}
      </div>
    </a>
  );
}

/** /dashboard: the guided start while it is not done, and the real counts once there is a web app. */
export function DashboardPage(props: {
  user: User;
  csrf: string;
  unread: number;
  counts: DashboardCounts;
  start?: { step: StartStep; facts: StartFacts };
}): JSX.Element {
  const c = props.counts;
  return (
    <Page title="Dashboard" user={props.user} csrf={props.csrf} unread={props.unread} active="dashboard">
      <>
        {props.start ? <StartGuide step={props.start.step} facts={props.start.facts} csrf={props.csrf} /> : ""}
        {c.webapps === 0 ? (
          ""
        ) : (
          <div class="cards" aria-label="Summary">
            <Stat label="Web apps" value={c.webapps} href="/webapps" />
            <Stat label="Active web apps" value={c.activeWebapps} href="/webapps" />
            <Stat label="Waiting for approval" value={c.pendingApproval} href="/approval" />
            <Stat label="Scheduled" value={c.scheduled} href="/content" />
            <Stat label="Published in the last 7 days" value={c.publishedLast7Days} href="/content" />
          </div>
        )}
      </>
    </Page>
  );
}

/** A section that is not built yet, saying so and what it will hold. */
export function UpcomingPage(props: { user: User; csrf: string; unread: number; section: UpcomingSection }): JSX.Element {
  return (
    <Page title={props.section.title} user={props.user} csrf={props.csrf} unread={props.unread} active={props.section.nav}>
      <div class="card stack">
        <p>
          <span class="badge warn">Not built yet</span>
        </p>
        <p safe>{props.section.summary}</p>
        <p class="muted">This page shows nothing until that part of the app exists; nothing here is sample data.</p>
      </div>
    </Page>
  );
}
