import type { BatchWithItems } from "../../src/content/types";
import { itemLine } from "../../src/content/describe";
import { AuthPage } from "../layout/page";

/** The confirm page a one-tap link opens: says what will happen; only the POST acts. */
export function LinkConfirmPage(props: {
  action: "approve" | "reject";
  group: BatchWithItems;
  timezone: string;
  postUrl: string;
  csrf?: string;
}): JSX.Element {
  const pending = props.group.items.filter((i) => i.status === "pending_approval");
  const verb = props.action === "approve" ? "Approve" : "Reject";
  return (
    <AuthPage title={`${verb} all posts?`}>
      <>
        <p
          safe
        >{`${verb} all ${pending.length} post${pending.length === 1 ? "" : "s"} waiting for ${props.group.webappName} (batch of ${props.group.batch.localDate}):`}</p>
        <ul class="link-items">
          {pending.map((i) => (
            <li safe>{itemLine(i, props.timezone)}</li>
          ))}
        </ul>
        <form method="post" action={props.postUrl} class="actions">
          {props.csrf ? <input type="hidden" name="_csrf" value={props.csrf} /> : ""}
          <button type="submit" class={props.action === "reject" ? "danger" : undefined} safe>
            {`${verb} all ${pending.length}`}
          </button>
          <a href="/approval">Review one by one instead</a>
        </form>
        <p class="hint">This link works once. Nothing changes until you press the button.</p>
      </>
    </AuthPage>
  );
}

/** The result page of a one-tap link: done, or why nothing changed. */
export function LinkResultPage(props: { title: string; message: string; ok: boolean }): JSX.Element {
  return (
    <AuthPage title={props.title}>
      <>
        <div class={props.ok ? "notice notice-ok" : "notice notice-error"} role={props.ok ? "status" : "alert"} safe>
          {props.message}
        </div>
        <p>
          <a href="/approval">Open the approval page</a>
        </p>
      </>
    </AuthPage>
  );
}
