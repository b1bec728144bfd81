import type { User } from "../../src/auth/sessions";
import { formatLimit } from "../../src/model/quotas";
import { Page } from "../layout/page";

/** One quota row as the usage bars show it. */
export interface UsageBar {
  label: string;
  used: number;
  limit: number;
}

/** The banner of an account whose billing state limits it (past due, unpaid, canceled, suspended). */
export function StandingBanner(props: { banner?: string }): JSX.Element {
  if (!props.banner) return <></>;
  return (
    <div class="notice notice-error" role="alert">
      <span safe>{props.banner}</span> <a href="/billing">Billing</a>
    </div>
  );
}

/** Bars of use against the plan's limits (a <meter> each: no inline styles, read out by screen readers). */
export function UsageBars(props: { rows: UsageBar[] }): JSX.Element {
  return (
    <table class="usage-bars">
      <thead>
        <tr>
          <th scope="col">Quota</th>
          <th scope="col">Used</th>
          <th scope="col">Of</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row" safe>
              {r.label}
            </th>
            <td>
              <meter
                min="0"
                max={String(Number.isFinite(r.limit) ? Math.max(r.limit, 0.0001) : Math.max(r.used, 1))}
                value={String(r.used)}
                high={Number.isFinite(r.limit) ? String(r.limit * 0.8) : undefined}
                aria-label={`${r.label}: ${formatLimit(r.used)} of ${formatLimit(r.limit)}`}
              ></meter>{" "}
              <span safe>{formatLimit(r.used)}</span>
            </td>
            <td safe>{formatLimit(r.limit)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /usage/plan: the account's plan and how much of it is used this month. */
export function PlanUsagePage(props: {
  user: User;
  csrf: string;
  unread: number;
  planName: string;
  banner?: string;
  rows: UsageBar[];
}): JSX.Element {
  return (
    <Page title="Plan usage" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <StandingBanner banner={props.banner} />
        <section class="card stack">
          <p>
            Your plan: <strong safe>{props.planName}</strong>. Monthly quotas start again on the first of each month (UTC; the AI budget in
            the account owner's time zone). <a href="/billing">Change plan</a>
          </p>
          <UsageBars rows={props.rows} />
          <p>
            <a href="/settings/team">Invite people into your account</a> (each takes a seat).
          </p>
        </section>
      </>
    </Page>
  );
}
