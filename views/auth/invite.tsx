import { brand } from "../layout/brand";
import { AuthPage } from "../layout/page";
import { CsrfField, Field, FormMessages, PASSWORD_HINT, TimeZoneSelect, type FormState } from "./fields";

/** The form that turns an invitation into an account. */
export function AcceptInviteForm(props: { token: string; email: string; state: FormState; csrf?: string }): JSX.Element {
  const action = `/invite/${props.token}`;
  return (
    <form method="post" action={action} class="stack" hx-post={action} hx-swap="outerHTML">
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <label for="f-email">
        <span>Email</span>
        <input id="f-email" type="email" value={props.email} readonly autocomplete="username" />
      </label>
      <Field label="Your name" name="name" state={props.state} autocomplete="name" autofocus maxlength={100} />
      <Field
        label="Password"
        name="password"
        type="password"
        state={props.state}
        autocomplete="new-password"
        minlength={10}
        hint={PASSWORD_HINT}
      />
      <TimeZoneSelect state={props.state} guess />
      <button type="submit">Create my account</button>
    </form>
  );
}

/** The page an invitation link opens. */
export function AcceptInvitePage(props: { token: string; email: string; inviter: string; state: FormState; csrf?: string }): JSX.Element {
  return (
    <AuthPage title={`Join ${brand().name}`}>
      <>
        <p class="muted">
          <span safe>{props.inviter}</span> invited you. Choose your name and password to finish.
        </p>
        <AcceptInviteForm token={props.token} email={props.email} state={props.state} csrf={props.csrf} />
        <script src="/public/timezone.js" defer></script>
      </>
    </AuthPage>
  );
}
