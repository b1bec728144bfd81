import type { User } from "../../src/auth/sessions";
import type { RunRow } from "../../src/pipeline/store";
import { Page } from "../layout/page";
import { StatusBadge } from "./timeline";

/** A web app's runs, newest first, with the "Generate now" button. */
export function RunsPage(p: { user: User; csrf: string; unread: number; webappId: number; appName: string; runs: RunRow[] }): JSX.Element {
  return (
    <Page title={`Runs: ${p.appName}`} user={p.user} csrf={p.csrf} unread={p.unread} active="webapps">
      <>
        <div class="page-head">
          <p class="muted">Each night the agents write a batch for the selected platforms. Generate one now to see it at once.</p>
          <form method="post" action={`/webapps/${p.webappId}/runs`}>
            <input type="hidden" name="_csrf" value={p.csrf} />
            <button type="submit">Generate now</button>
          </form>
        </div>
        {p.runs.length === 0 ? (
          <p class="empty">
            No runs yet. Press "Generate now" for the first batch (a minute or two, with live progress), or wait for tonight's.
          </p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Date</th>
                  <th>Attempt</th>
                  <th>Started by</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {p.runs.map((r) => (
                  <tr>
                    <td>
                      <a href={`/runs/${r.id}`} safe>{`#${r.id}`}</a>
                    </td>
                    <td safe>{r.localDate}</td>
                    <td>{r.attempt}</td>
                    <td>{r.trigger}</td>
                    <td>
                      <StatusBadge status={r.status} />
                      {r.error ? <span class="field-error" safe>{` ${r.error}`}</span> : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    </Page>
  );
}

/** The page for a run or web app that is not the user's (or does not exist). */
export function RunNotFoundPage(p: { user: User; csrf: string; unread: number }): JSX.Element {
  return (
    <Page title="Not found" user={p.user} csrf={p.csrf} unread={p.unread} active="webapps">
      <>
        <p>There is no such run or web app among yours.</p>
        <p>
          <a href="/webapps">Back to your web apps</a>
        </p>
      </>
    </Page>
  );
}
