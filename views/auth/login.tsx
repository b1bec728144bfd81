import { AuthPage } from "../layout/page";
import { Field, FormMessages, type FormState } from "./fields";

/** The sign-in form. */
export function LoginForm(props: { state: FormState }): JSX.Element {
  return (
    <form method="post" action="/login" class="stack" hx-post="/login" hx-swap="outerHTML">
      <FormMessages state={props.state} />
      {props.state.values.next ? <input type="hidden" name="next" value={props.state.values.next} /> : ""}
      <Field label="Email" name="email" type="email" state={props.state} autocomplete="username" autofocus />
      <Field label="Password" name="password" type="password" state={props.state} autocomplete="current-password" />
      <div class="actions spread">
        <button type="submit">Sign in</button>
        <a href="/reset">Forgot your password?</a>
      </div>
    </form>
  );
}

/** The sign-in page. */
export function LoginPage(props: { state: FormState }): JSX.Element {
  return (
    <AuthPage title="Sign in">
      <>
        <LoginForm state={props.state} />
      </>
    </AuthPage>
  );
}
