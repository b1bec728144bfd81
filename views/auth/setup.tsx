import { AuthPage } from "../layout/page";
import { Field, FormMessages, PASSWORD_HINT, TimeZoneSelect, type FormState } from "./fields";

/** The public address during setup: asked (proposed from the browser's address) unless the config file sets it. */
export interface SetupAddress {
  ask: boolean;
  /** The address in effect (shown when the config file sets it). */
  current: string;
}

/** The first-run form that creates the admin account. */
export function SetupForm(props: { state: FormState; address: SetupAddress }): JSX.Element {
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
      {props.address.ask ? (
        <Field
          label="Public address of this box"
          name="public_base_url"
          type="text"
          required={false}
          state={props.state}
          autocomplete="url"
          maxlength={300}
          hint="The address people, phones and platforms reach this box at; links in emails and platform callbacks are built from it. Proposed: the address your browser used. Change it if others reach the box by another name (for example https://marketing.example.com)."
        />
      ) : (
        <p class="muted" safe>{`Public address: ${props.address.current} (set in the configuration file).`}</p>
      )}
      <button type="submit">Create admin account</button>
    </form>
  );
}

/** First-run setup page: shown while no account exists. */
export function SetupPage(props: { state: FormState; address: SetupAddress }): JSX.Element {
  return (
    <AuthPage title="Welcome: create the admin account">
      <>
        <p class="muted">This box has no accounts yet. The first account is its administrator, who can invite others later.</p>
        <SetupForm state={props.state} address={props.address} />
        <script src="/public/timezone.js" defer></script>
      </>
    </AuthPage>
  );
}
