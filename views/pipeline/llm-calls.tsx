import Html from "@kitajs/html";
import { formatCount, formatUsd } from "../../src/lib/format";
import type { LlmCallRow } from "../../src/llm/store";

const OUTCOME: Record<string, { label: string; badge: string }> = {
  ok: { label: "ok", badge: "ok" },
  invalid: { label: "invalid answer", badge: "warn" },
  error: { label: "error", badge: "danger" },
};

function CallRow(props: { call: LlmCallRow }): JSX.Element {
  const c = props.call;
  const outcome = OUTCOME[c.outcome] ?? { label: c.outcome, badge: "" };
  return (
    <tr>
      <td safe>{c.agent}</td>
      <td safe>{c.provider}</td>
      <td safe>{c.model}</td>
      <td>{c.purpose}</td>
      <td>{Html.escapeHtml(formatCount(c.tokensIn))}</td>
      <td>{Html.escapeHtml(formatCount(c.tokensOut))}</td>
      <td safe>{formatUsd(c.costUsd)}</td>
      <td safe>{`${(c.latencyMs / 1000).toFixed(1)} s`}</td>
      <td>
        <span class={`badge ${outcome.badge}`} safe>
          {outcome.label}
        </span>
        {c.error ? (
          <p class="field-error" safe>
            {c.status ? `HTTP ${c.status}: ${c.error}` : c.error}
          </p>
        ) : (
          ""
        )}
      </td>
    </tr>
  );
}

/**
 * The model requests of one run with their tokens and cost; says plainly when the built-in offline writer
 * wrote everything (no requests, no cost).
 */
export function RunLlmCalls(props: { calls: LlmCallRow[]; finished: boolean; builtinPosts: number }): JSX.Element {
  const { calls } = props;
  if (calls.length === 0) {
    return (
      <section id="run-llm-calls" class="card">
        <h2>Model calls</h2>
        <p>
          {props.finished ? "Written by the built-in offline writer (no model calls), so this run cost nothing." : "No model calls yet."}
        </p>
      </section>
    );
  }
  const cost = calls.reduce((n, c) => n + c.costUsd, 0);
  const tokensIn = calls.reduce((n, c) => n + c.tokensIn, 0);
  const tokensOut = calls.reduce((n, c) => n + c.tokensOut, 0);
  const failed = calls.filter((c) => c.outcome !== "ok").length;
  return (
    <section id="run-llm-calls" class="card">
      <h2>Model calls</h2>
      <p
        safe
      >{`${calls.length} call(s)${failed ? `, ${failed} without a usable answer` : ""}; ${formatCount(tokensIn)} tokens in, ${formatCount(tokensOut)} out; cost ${formatUsd(cost)}.`}</p>
      {props.builtinPosts > 0 ? (
        <p
          class="muted"
          safe
        >{`${props.builtinPosts} post(s) were written by the built-in offline writer (no model calls) because no model gave a usable answer.`}</p>
      ) : (
        ""
      )}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Agent</th>
              <th>Provider</th>
              <th>Model</th>
              <th>Kind</th>
              <th>Tokens in</th>
              <th>Tokens out</th>
              <th>Cost</th>
              <th>Time</th>
              <th>Outcome</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <CallRow call={c} />
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">
        Month totals and the budget are on <a href="/usage">Model usage and budget</a>.
      </p>
    </section>
  );
}
