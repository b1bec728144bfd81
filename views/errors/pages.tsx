import type { User } from "../../src/auth/sessions";
import { AuthPage, Page } from "../layout/page";

/** Who sees an error page: a signed-in user gets the app shell, anyone else the plain card. */
interface ErrorViewer {
  user: User;
  csrf: string;
  unread: number;
}

function Shell(props: { title: string; viewer?: ErrorViewer; children?: JSX.Element }): JSX.Element {
  if (props.viewer)
    return (
      <Page title={props.title} user={props.viewer.user} csrf={props.viewer.csrf} unread={props.viewer.unread} active="dashboard">
        <div class="card error-card">{props.children as "safe"}</div>
      </Page>
    );
  return <AuthPage title={props.title}>{props.children as "safe"}</AuthPage>;
}

// Where a person can go on from an error: the dashboard when signed in, else the sign-in page.
function HomeLink(props: { viewer?: ErrorViewer }): JSX.Element {
  return (
    <p class="actions">
      <a class="button" href={props.viewer ? "/dashboard" : "/login"}>
        {props.viewer ? "Go to the dashboard" : "Go to sign in"}
      </a>
    </p>
  );
}

/** The friendly "not found" page. */
export function NotFoundPage(props: { path: string; viewer?: ErrorViewer }): JSX.Element {
  return (
    <Shell title="Page not found" viewer={props.viewer}>
      <>
        <p>
          There is nothing at <code safe>{props.path}</code>. The address may be mistyped, or the item was deleted or belongs to someone
          else.
        </p>
        <HomeLink viewer={props.viewer} />
      </>
    </Shell>
  );
}

/** The page shown when the server failed; the reference ties it to the log line. */
export function ServerErrorPage(props: { reference: string; viewer?: ErrorViewer }): JSX.Element {
  return (
    <Shell title="Something went wrong" viewer={props.viewer}>
      <>
        <p>
          The server could not finish this request. Nothing you typed was lost on purpose, but the action may not have happened: check
          before repeating it.
        </p>
        <p class="muted">
          If it keeps happening, give your administrator this reference from the server log: <code safe>{props.reference}</code>
        </p>
        <HomeLink viewer={props.viewer} />
      </>
    </Shell>
  );
}

/** The page shown when a form post is refused by the cross-site checks (stale token, another origin). */
export function RefusedPage(props: { reason: string; viewer?: ErrorViewer }): JSX.Element {
  return (
    <Shell title="This request was refused" viewer={props.viewer}>
      <>
        <p safe>{`Nothing was changed: ${props.reason}.`}</p>
        <p class="muted">
          This happens when a page was open for a long time, you signed in again in another tab, or the form was sent from another site. Go
          back, reload the page and send it again.
        </p>
        <HomeLink viewer={props.viewer} />
      </>
    </Shell>
  );
}

/** The page shown when an action is refused for a reason the person can act on (a plan's limit, a paused account). */
export function ActionRefusedPage(props: { message: string; link: { href: string; label: string }; viewer?: ErrorViewer }): JSX.Element {
  return (
    <Shell title="Not done" viewer={props.viewer}>
      <>
        <p safe>{props.message}</p>
        <p class="actions">
          <a class="button" href={props.link.href} safe>
            {props.link.label}
          </a>
        </p>
      </>
    </Shell>
  );
}
