import type { User } from "../../src/auth/sessions";
import type { Insights } from "../../src/learning/insights";
import type { RowProblem } from "../../src/learning/history";
import { Page } from "../layout/page";
import { WhatWorks } from "./what-works";

/** The import page's state: the user's apps, the chosen one, and the last import's outcome. */
export interface ImportPageProps {
  user: User;
  csrf: string;
  unread: number;
  apps: { id: number; name: string }[];
  selected?: number;
  imported?: { imported: number; platforms: Record<string, number> };
  problems?: RowProblem[];
  error?: string;
  insights?: Insights;
}

/** /analytics/import: upload a platform's export (CSV or JSON) so learning starts warm, and see what the learner believes. */
export function ImportPage(p: ImportPageProps): JSX.Element {
  return (
    <Page title="Import past results" user={p.user} csrf={p.csrf} unread={p.unread} active="analytics">
      <>
        <section class="card">
          <p>
            A CSV (first line: column names) or JSON list with platform, posted_at (ISO 8601 with its offset), text, views or impressions,
            and optionally likes, comments, shares, clicks. A file with any bad row is refused whole, with each row's line and reason.
          </p>
          {p.error ? (
            <p class="notice notice-error" role="alert" safe>
              {p.error}
            </p>
          ) : (
            ""
          )}
          {p.problems ? (
            <div class="notice notice-error" role="alert">
              <p safe>{`Nothing was imported: ${p.problems.length} row(s) need fixing.`}</p>
              <ul>
                {p.problems.slice(0, 50).map((x) => (
                  <li safe>{x.line > 0 ? `Line ${x.line}: ${x.reason}` : x.reason}</li>
                ))}
              </ul>
            </div>
          ) : (
            ""
          )}
          {p.imported ? (
            <p class="notice notice-ok" role="status" safe>
              {`Imported ${p.imported.imported} posts (${Object.entries(p.imported.platforms)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}); the next plans count them.`}
            </p>
          ) : (
            ""
          )}
          <form method="post" action="/analytics/import" enctype="multipart/form-data" class="stack">
            <input type="hidden" name="_csrf" value={p.csrf} />
            <label>
              Web app
              <select name="webapp">
                {p.apps.map((a) => (
                  <option value={String(a.id)} selected={a.id === p.selected} safe>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              File (.csv or .json)
              <input type="file" name="file" accept=".csv,.json,text/csv,application/json" required />
            </label>
            <button type="submit">Import</button>
          </form>
        </section>
        {p.insights ? <WhatWorks insights={p.insights} /> : ""}
      </>
    </Page>
  );
}
