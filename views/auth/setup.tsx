import { AuthPage } from "../layout/page";
import { Field, FormMessages, PASSWORD_HINT, TimeZoneSelect, type FormState } from "./fields";

/** The first-run form that creates the admin account. */
export function SetupForm(props: { state: FormState }): JSX.Element {
  return (
    <form method="post" action="/setup" class="stack" hx-post="/setup" hx-swap="outerHTML">
      <FormMessages state={props.state} />
      <Field label="Your name" name="name" state={props.state} autocomplete="name" autofocus maxlength={100} />
      <Field label="Email" name="email" type="email" state={props.state} autocomplete="email" />
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
      <button type="submit">Create admin account</button>
    </form>
  );
}

/** First-run setup page: shown while no account exists. */
export function SetupPage(props: { state: FormState }): JSX.Element {
  return (
    <AuthPage title="Welcome: create the admin account">
      <>
        <p class="muted">This box has no accounts yet. The first account is its administrator, who can invite others later.</p>
        <SetupForm state={props.state} />
        <script src="/public/timezone.js" defer></script>
      </>
    </AuthPage>
  );
}
