import { AuthPage } from "../layout/page";
import { Field, FormMessages, PASSWORD_HINT, TimeZoneSelect, type FormState } from "./fields";

/** The sign-up form (operator mode, auth.signup open). */
export function SignupForm(props: { state: FormState; termsUrl: string }): JSX.Element {
  const s = props.state;
  const termsError = s.errors.terms;
  return (
    <form method="post" action="/signup" class="stack" hx-post="/signup" hx-swap="outerHTML">
      <FormMessages state={s} />
      {s.values.plan ? <input type="hidden" name="plan" value={s.values.plan} /> : ""}
      <Field label="Your name" name="name" state={s} autocomplete="name" autofocus maxlength={100} />
      <Field label="Email" name="email" type="email" state={s} autocomplete="email" />
      <Field label="Password" name="password" type="password" state={s} autocomplete="new-password" minlength={10} hint={PASSWORD_HINT} />
      <TimeZoneSelect state={s} guess />
      <label for="f-terms" class="check">
        <input
          id="f-terms"
          name="terms"
          type="checkbox"
          value="yes"
          required
          checked={s.values.terms === "yes"}
          aria-invalid={termsError ? "true" : undefined}
          aria-describedby={termsError ? "f-terms-err" : undefined}
        />
        {props.termsUrl ? (
          <span>
            I accept the <a href={props.termsUrl}>terms of service</a>.
          </span>
        ) : (
          <span>I accept the terms of service.</span>
        )}
      </label>
      {termsError ? (
        <span class="field-error" id="f-terms-err" safe>
          {termsError}
        </span>
      ) : (
        ""
      )}
      <div class="actions spread">
        <button type="submit">Create my account</button>
        <a href="/login">I have an account</a>
      </div>
    </form>
  );
}

/** The sign-up page. */
export function SignupPage(props: { state: FormState; termsUrl: string; planName?: string }): JSX.Element {
  return (
    <AuthPage title="Create your account">
      <>
        {props.planName ? <p class="muted" safe>{`You start on the ${props.planName} plan.`}</p> : ""}
        <SignupForm state={props.state} termsUrl={props.termsUrl} />
        <script src="/public/timezone.js" defer></script>
      </>
    </AuthPage>
  );
}

/** What sign-up says once the form was accepted: check your mail (the same words whether or not the address had an account). */
export function SignupSentNotice(props: { email: string; minutes: number }): JSX.Element {
  return (
    <div class="stack" role="status">
      <div class="notice notice-ok">
        We sent a link to <strong safe>{props.email}</strong>. Open it within {props.minutes} minutes to confirm your address and finish.
      </div>
      <p class="flush">
        <a href="/login">Back to sign in</a>
      </p>
    </div>
  );
}

/** The full page around SignupSentNotice. */
export function SignupSentPage(props: { email: string; minutes: number }): JSX.Element {
  return (
    <AuthPage title="Check your email">
      <SignupSentNotice email={props.email} minutes={props.minutes} />
    </AuthPage>
  );
}

/** The page the emailed link opens: one button confirms (a mail scanner's GET changes nothing). */
export function SignupConfirmPage(props: { token: string; email: string; csrf?: string }): JSX.Element {
  const action = `/signup/${props.token}`;
  return (
    <AuthPage title="Confirm your email">
      <form method="post" action={action} class="stack">
        {props.csrf ? <input type="hidden" name="_csrf" value={props.csrf} /> : ""}
        <p>
          Confirm <strong safe>{props.email}</strong> to create your account and sign in.
        </p>
        <button type="submit">Confirm and sign in</button>
      </form>
    </AuthPage>
  );
}
