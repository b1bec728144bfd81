import type { User } from "../../src/auth/sessions";
import type { PlatformId } from "../../src/platforms/ids";
import type { WebappFormValues } from "../../src/webapps/form";
import type { WebappRow } from "../../src/webapps/store";
import { Notice, Page } from "../layout/page";
import { PLATFORM_LABELS, WebappForm, type FormError } from "./form";

interface Shell {
  user: User;
  csrf: string;
  unread: number;
}

/** /webapps: the user's web apps as a table, or a guide to add the first one. */
export function WebappsListPage(props: Shell & { webapps: WebappRow[]; notice?: string; added?: WebappRow }): JSX.Element {
  return (
    <Page title="Web apps" user={props.user} csrf={props.csrf} unread={props.unread} active="webapps">
      <>
        {props.notice ? (
          <Notice kind="ok">
            <span safe>{props.notice}</span>
          </Notice>
        ) : (
          ""
        )}
        {props.added ? <NextAfterAdding app={props.added} csrf={props.csrf} /> : ""}
        <div class="actions page-actions">
          <a class="button" href="/webapps/new">
            Add web app
          </a>
        </div>
        {props.webapps.length === 0 ? (
          <div class="card empty">
            <p>No web apps yet. Add one by pasting its address; we read its name, description and images for you.</p>
          </div>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Web app</th>
                  <th scope="col">Address</th>
                  <th scope="col">Platforms</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>{props.webapps.map((w) => <WebappRowView w={w} />).join("") as "safe"}</tbody>
            </table>
          </div>
        )}
      </>
    </Page>
  );
}

/** Right after adding an app: the next step, generating its first batch now, offered where the user already is. */
function NextAfterAdding(props: { app: WebappRow; csrf: string }): JSX.Element {
  return (
    <section class="card stack next-step" aria-labelledby="next-title">
      <h2 id="next-title">Next: the first batch</h2>
      <p
        safe
      >{`Generate ${props.app.name}'s first posts now and watch each step and render, or connect your platforms first so approved posts publish by themselves.`}</p>
      <div class="actions">
        <form method="post" action={`/webapps/${props.app.id}/runs`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <button type="submit">Generate now</button>
        </form>
        <a class="button secondary" href="/start">
          Connect platforms first
        </a>
      </div>
    </section>
  );
}

function WebappRowView(props: { w: WebappRow }): JSX.Element {
  const w = props.w;
  return (
    <tr>
      <td>
        <span class="app-name">
          {w.faviconUrl ? (
            <img class="favicon" src={w.faviconUrl} alt="" width="20" height="20" loading="lazy" />
          ) : (
            <span class="favicon placeholder"></span>
          )}
          <a href={`/webapps/${w.id}/edit`} safe>
            {w.name}
          </a>
        </span>
      </td>
      <td>
        <a href={w.url} rel="noopener noreferrer" target="_blank" class="mono" safe>
          {w.url.replace(/^https?:\/\//, "")}
        </a>
      </td>
      <td>
        {w.platforms.length ? (
          (w.platforms
            .map((p) => (
              <span class="badge" safe>
                {PLATFORM_LABELS[p as PlatformId] ?? p}
              </span>
            ))
            .join(" ") as "safe")
        ) : (
          <span class="muted">None chosen</span>
        )}
      </td>
      <td>{w.active ? <span class="badge ok">Active</span> : <span class="badge">Paused</span>}</td>
      <td>
        <span class="actions">
          <a href={`/webapps/${w.id}/edit`}>Edit</a>
          <a href={`/webapps/${w.id}/runs`}>Runs</a>
          <a href={`/webapps/${w.id}/delete`}>Delete</a>
        </span>
      </td>
    </tr>
  );
}

/** /webapps/new and /webapps/:id/edit: the form inside the signed-in shell. */
export function WebappFormPage(
  props: Shell & { title: string; target: "new" | number; values: WebappFormValues; error?: FormError; notice?: string },
): JSX.Element {
  return (
    <Page title={props.title} user={props.user} csrf={props.csrf} unread={props.unread} active="webapps">
      <>
        {typeof props.target === "number" ? <RunLinks webappId={props.target} csrf={props.csrf} /> : ""}
        <WebappForm target={props.target} values={props.values} csrf={props.csrf} error={props.error} notice={props.notice} />
      </>
    </Page>
  );
}

/** On a web app's page: its runs, and "Generate now" (a fresh batch for today, shown on its run page). */
function RunLinks(props: { webappId: number; csrf: string }): JSX.Element {
  return (
    <div class="actions page-actions">
      <a href={`/webapps/${props.webappId}/runs`}>Runs</a>
      <form method="post" action={`/webapps/${props.webappId}/runs`}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          Generate now
        </button>
      </form>
    </div>
  );
}

/** /webapps/:id/delete: asks before deleting, saying what goes with it. */
export function WebappDeletePage(props: Shell & { webapp: WebappRow; contentCount: number }): JSX.Element {
  const w = props.webapp;
  return (
    <Page title="Delete web app" user={props.user} csrf={props.csrf} unread={props.unread} active="webapps">
      <>
        <form class="card stack" method="post" action={`/webapps/${w.id}/delete`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <p>
            Delete <strong safe>{w.name}</strong> (
            <span class="mono" safe>
              {w.url}
            </span>
            )?
          </p>
          <p class="muted">
            {props.contentCount > 0
              ? `Its ${props.contentCount} content item${props.contentCount === 1 ? "" : "s"} and their history are deleted with it. Posts already published stay on the platforms.`
              : "It has no content yet. This cannot be undone."}
          </p>
          <div class="actions">
            <button type="submit" class="danger">
              Delete web app
            </button>
            <a class="button secondary" href={`/webapps/${w.id}/edit`}>
              Keep it
            </a>
          </div>
        </form>
      </>
    </Page>
  );
}

/** The page for a web app id that does not exist or is not the user's. */
export function WebappNotFoundPage(props: Shell): JSX.Element {
  return (
    <Page title="Web app not found" user={props.user} csrf={props.csrf} unread={props.unread} active="webapps">
      <>
        <div class="card">
          <p>This web app does not exist, or it is not yours.</p>
          <a href="/webapps">Back to web apps</a>
        </div>
      </>
    </Page>
  );
}
