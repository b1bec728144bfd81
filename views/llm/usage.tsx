import Html from "@kitajs/html";
import type { User } from "../../src/auth/sessions";
import { formatCount, formatUsd } from "../../src/lib/format";
import type { LlmCallRow, UsageTotals } from "../../src/llm/store";
import type { UsageReport } from "../../src/llm/usage";
import { Breadcrumb, Notice, Page } from "../layout/page";

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The budget card with its edit form; re-rendered alone by the htmx form with a message. */
export function BudgetForm(props: {
  report: UsageReport;
  message?: { kind: "error" | "ok"; text: string };
  value?: string;
  /** In operator mode the plan sets the budget: shown instead of the form. */
  plan?: { planName: string; usd: number };
  /** The session's token, for the form sent without JavaScript. */
  csrf?: string;
}): JSX.Element {
  const r = props.report;
  if (props.plan) return <PlanBudget report={r} plan={props.plan} message={props.message} />;
  const used = r.budgetUsd > 0 ? Math.min(100, Math.round((r.spentUsd / r.budgetUsd) * 100)) : 100;
  return (
    <section id="budget" class="card">
      <h2>Monthly budget</h2>
      <p>
        <strong safe>{formatUsd(r.spentUsd)}</strong> spent of <strong safe>{formatUsd(r.budgetUsd)}</strong>{" "}
        <span class="muted" safe>{`(${used}% of ${r.monthLabel}; months are calendar months in UTC)`}</span>
      </p>
      <p class="hint">
        Before each model request the cost is estimated; when it would pass this budget, the built-in writer takes over until the month ends
        or you raise the budget. Free local models (price 0) are always allowed.
        {r.budgetIsDefault ? " You are using the default budget from the configuration." : ""}
      </p>
      {props.message ? (
        <Notice kind={props.message.kind}>
          <span safe>{props.message.text}</span>
        </Notice>
      ) : (
        ""
      )}
      <form class="stack" method="post" action="/usage/budget" hx-post="/usage/budget" hx-target="#budget" hx-swap="outerHTML">
        <input type="hidden" name="_csrf" value={props.csrf ?? ""} />
        <label>
          Budget per month (US dollars)
          <input
            type="number"
            name="monthly_budget_usd"
            min="0"
            max="1000000"
            step="0.01"
            required
            value={props.value ?? r.budgetUsd.toFixed(2)}
          />
        </label>
        <div class="actions">
          <button type="submit">Save budget</button>
        </div>
      </form>
    </section>
  );
}

/** The plan's AI budget (operator mode): what the plan includes and what is spent, with where to change plans. */
function PlanBudget(props: {
  report: UsageReport;
  plan: { planName: string; usd: number };
  message?: { kind: "error" | "ok"; text: string };
}) {
  const r = props.report;
  const unlimited = !Number.isFinite(props.plan.usd);
  return (
    <section id="budget" class="card">
      <h2>Monthly AI budget</h2>
      <p>
        <strong safe>{formatUsd(r.spentUsd)}</strong> spent
        {unlimited ? "" : " of "}
        {unlimited ? "" : <strong safe>{formatUsd(props.plan.usd)}</strong>} <span class="muted" safe>{`(${r.monthLabel})`}</span>
      </p>
      <p class="hint" safe>
        {unlimited
          ? `Your ${props.plan.planName} plan has no limit on AI use.`
          : `Your ${props.plan.planName} plan includes ${formatUsd(props.plan.usd)} of AI use a month; past it, the built-in writer takes over until the month ends. A bigger plan raises it.`}
      </p>
      {props.message ? (
        <Notice kind={props.message.kind}>
          <span safe>{props.message.text}</span>
        </Notice>
      ) : (
        ""
      )}
      <p>
        <a href="/usage/plan">Plan and usage</a>
      </p>
    </section>
  );
}

function TotalsTable(props: { caption: string; first: string; rows: UsageTotals[] }): JSX.Element {
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted" safe>
          {props.caption}
        </caption>
        <thead>
          <tr>
            <th safe>{props.first}</th>
            <th>Model</th>
            <th>Calls</th>
            <th>Failed</th>
            <th>Tokens in</th>
            <th>Tokens out</th>
            <th>Cost</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((t) => (
            <tr>
              <td safe>{t.key}</td>
              <td safe>{t.model}</td>
              <td safe>{String(t.calls)}</td>
              <td safe>{String(t.failures)}</td>
              <td safe>{formatCount(t.tokensIn)}</td>
              <td safe>{formatCount(t.tokensOut)}</td>
              <td safe>{formatUsd(t.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function failureWords(c: LlmCallRow): string {
  const what = c.outcome === "invalid" ? "gave an answer that did not fit the expected shape" : "failed";
  const step = c.purpose === "repair" ? " on the repair attempt" : c.purpose === "retry" ? " on a retry" : "";
  return `${c.provider} (${c.model}) ${what}${step} for the ${c.agent} agent: ${c.error}`;
}

function Failures(props: { rows: LlmCallRow[] }): JSX.Element {
  if (props.rows.length === 0) return <p class="muted">No failed model calls this month.</p>;
  return (
    <ul class="failures">
      {props.rows.map((c) => (
        <li>
          <span class="muted" safe>
            {when(c.createdAt)}
          </span>{" "}
          <span safe>{failureWords(c)}</span>
        </li>
      ))}
    </ul>
  );
}

/** /usage: this month's model calls, tokens and cost per provider and agent, the budget, failures and takeovers. */
export function UsagePage(props: {
  user: User;
  csrf: string;
  unread: number;
  report: UsageReport;
  plan?: { planName: string; usd: number };
}): JSX.Element {
  const r = props.report;
  return (
    <Page title="Model usage and budget" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <Breadcrumb parent={{ href: "/settings", label: "Settings" }} current="Model usage and budget" />
        <p class="muted" safe>{`${r.monthLabel}, from ${r.monthStart.toISOString().slice(0, 10)} 00:00 UTC.`}</p>
        {r.providers.length === 0 ? (
          <Notice kind="info">
            <span>
              No language model is configured, so every post is written by the built-in offline writer. Add providers under llm.providers in
              the configuration file.
            </span>
          </Notice>
        ) : (
          <p>
            Providers, tried in this order:{" "}
            <span safe>
              {r.providers.map((p) => `${p.name} (${p.kind}, ${p.model}${p.tier === "premium" ? ", premium" : ""})`).join(" → ")}
            </span>
            , then the built-in writer.
          </p>
        )}
        {r.notices.map((n) => (
          <Notice kind="info">
            <span
              safe
            >{`Switched to the built-in writer on ${n.day} (UTC) because ${n.kind === "budget" ? "the " : ""}${n.message}.`}</span>
          </Notice>
        ))}
        <div class="cards">
          <div class="card stat">
            <div class="value" safe>
              {String(r.totals.calls)}
            </div>
            <div class="label">model calls this month</div>
          </div>
          <div class="card stat">
            <div class="value" safe>
              {formatCount(r.totals.tokensIn + r.totals.tokensOut)}
            </div>
            <div class="label" safe>{`tokens (${formatCount(r.totals.tokensIn)} in, ${formatCount(r.totals.tokensOut)} out)`}</div>
          </div>
          <div class="card stat">
            <div class="value" safe>
              {formatUsd(r.spentUsd)}
            </div>
            <div class="label">spent this month</div>
          </div>
        </div>
        <BudgetForm report={r} plan={props.plan} csrf={props.csrf} />
        <h2>By provider</h2>
        {r.byProvider.length === 0 ? (
          <p class="empty">No model calls yet this month.</p>
        ) : (
          <TotalsTable caption="Calls per provider, this month" first="Provider" rows={r.byProvider} />
        )}
        <h2>By agent</h2>
        {r.byAgent.length === 0 ? (
          <p class="empty">No agent has called a model yet this month.</p>
        ) : (
          <TotalsTable caption="Calls per agent, this month" first="Agent" rows={r.byAgent} />
        )}
        <h2>Recent failures</h2>
        <Failures rows={r.failures} />
      </>
    </Page>
  );
}
