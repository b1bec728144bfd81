import { AuthPage } from "../layout/page";

/** The confirm page a "send this reply" link opens: the comment and the exact reply; only the POST sends. */
export function ReplyLinkConfirmPage(props: {
  platformLabel: string;
  authorName: string;
  /** The comment as plain text (links already reduced to their domain); escaped here. */
  comment: string;
  draft: string;
  postUrl: string;
  csrf?: string;
}): JSX.Element {
  return (
    <AuthPage title="Send this reply?">
      <>
        <p safe>{`${props.authorName} commented on ${props.platformLabel}:`}</p>
        <blockquote class="link-comment" safe>
          {props.comment}
        </blockquote>
        <p>Your reply:</p>
        <blockquote class="link-reply" safe>
          {props.draft}
        </blockquote>
        <form method="post" action={props.postUrl} class="actions">
          {props.csrf ? <input type="hidden" name="_csrf" value={props.csrf} /> : ""}
          <button type="submit">Send this reply</button>
          <a href="/inbox">Edit it in the inbox instead</a>
        </form>
        <p class="hint">This link works once. Nothing is sent until you press the button.</p>
      </>
    </AuthPage>
  );
}

/** The result page of a "send this reply" link: queued, or why nothing was sent. */
export function ReplyLinkResultPage(props: { title: string; message: string; ok: boolean }): JSX.Element {
  return (
    <AuthPage title={props.title}>
      <>
        <div class={props.ok ? "notice notice-ok" : "notice notice-error"} role={props.ok ? "status" : "alert"} safe>
          {props.message}
        </div>
        <p>
          <a href="/inbox">Open the inbox</a>
        </p>
      </>
    </AuthPage>
  );
}
