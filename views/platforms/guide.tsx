import type { User } from "../../src/auth/sessions";
import { Page } from "../layout/page";

/** A platform's step-by-step developer app guide (docs/platforms/<name>.md), shown as its Markdown text. */
export function GuidePage(props: { user: User; csrf: string; unread: number; title: string; text: string }): JSX.Element {
  return (
    <Page title={props.title} user={props.user} csrf={props.csrf} unread={props.unread} active="platforms">
      <>
        <p>
          <a href="/platforms">Back to Platforms</a>
        </p>
        <pre class="guide" safe>
          {props.text.split("\n").slice(1).join("\n").trim()}
        </pre>
      </>
    </Page>
  );
}
