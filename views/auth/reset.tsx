import { AuthPage } from "../layout/page";
import { CsrfField, Field, FormMessages, PASSWORD_HINT, type FormState } from "./fields";

/** The "send me a reset link" form. */
export function ResetRequestForm(props: { state: FormState; csrf?: string }): JSX.Element {
  return (
    <form method="post" action="/reset" class="stack" hx-post="/reset" hx-swap="outerHTML">
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <Field label="Email" name="email" type="email" state={props.state} autocomplete="email" autofocus />
      <div class="actions spread">
        <button type="submit">Send reset link</button>
        <a href="/login">Back to sign in</a>
      </div>
    </form>
  );
}

/** The page asking for the account's email. */
export function ResetRequestPage(props: { state: FormState; csrf?: string }): JSX.Element {
  return (
    <AuthPage title="Reset your password">
      <>
        <p class="muted">Enter your account's email. We send a link that lets you choose a new password.</p>
        <ResetRequestForm state={props.state} csrf={props.csrf} />
      </>
    </AuthPage>
  );
}

/** The answer after asking for a link: the same whether or not the account exists (htmx swaps it in for the form). */
export function ResetSentNotice(props: { email: string; minutes: number; outbox?: string }): JSX.Element {
  return (
    <div class="stack" role="status">
      <div class="notice notice-ok">
        If an account exists for <strong safe>{props.email}</strong>, a reset link is on its way. It works once, for {props.minutes}{" "}
        minutes.
      </div>
      {props.outbox ? (
        <div class="notice notice-info">
          No mail server is configured; reset messages are saved to <code safe>{props.outbox}</code> on the server instead of being sent.
        </div>
      ) : (
        ""
      )}
      <p class="flush">
        <a href="/login">Back to sign in</a>
      </p>
    </div>
  );
}

/** The page shown after asking for a link without JavaScript. */
export function ResetSentPage(props: { email: string; minutes: number; outbox?: string }): JSX.Element {
  return (
    <AuthPage title="Check your email">
      <ResetSentNotice email={props.email} minutes={props.minutes} outbox={props.outbox} />
    </AuthPage>
  );
}

/** The new-password form behind a reset link. */
export function NewPasswordForm(props: { token: string; state: FormState; csrf?: string }): JSX.Element {
  const action = `/reset/${props.token}`;
  return (
    <form method="post" action={action} class="stack" hx-post={action} hx-swap="outerHTML">
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <Field
        label="New password"
        name="password"
        type="password"
        state={props.state}
        autocomplete="new-password"
        minlength={10}
        hint={PASSWORD_HINT}
        autofocus
      />
      <p class="hint">Every session is signed out and your API tokens are revoked; create new ones in Settings.</p>
      <button type="submit">Set new password</button>
    </form>
  );
}

/** The page a reset link opens: shows the form, acts only on POST (mail scanners fetch links). */
export function NewPasswordPage(props: { token: string; email: string; state: FormState; csrf?: string }): JSX.Element {
  return (
    <AuthPage title="Choose a new password">
      <>
        <p class="muted">
          For <strong safe>{props.email}</strong>. Setting it signs out every session of this account.
        </p>
        <NewPasswordForm token={props.token} state={props.state} csrf={props.csrf} />
      </>
    </AuthPage>
  );
}
