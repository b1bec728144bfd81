import { TIME_ZONES } from "../../src/lib/zoned-time";

/** What a form shows again after a failed submit: typed values (never passwords), field errors, a message. */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  ok?: string;
}

/** An empty form state, optionally with starting values. */
export function emptyForm(values: Record<string, string> = {}): FormState {
  return { values, errors: {} };
}

/** The hidden CSRF field every signed-in plain form carries (htmx also sends it as a header). */
export function CsrfField(props: { csrf?: string }): JSX.Element {
  return props.csrf ? <input type="hidden" name="_csrf" value={props.csrf} /> : <></>;
}

/** The form-level messages: an error (alert) and/or a success line. */
export function FormMessages(props: { state: FormState }): JSX.Element {
  return (
    <>
      {props.state.message ? (
        <div class="notice notice-error" role="alert" safe>
          {props.state.message}
        </div>
      ) : (
        ""
      )}
      {props.state.ok ? (
        <div class="notice notice-ok" role="status" safe>
          {props.state.ok}
        </div>
      ) : (
        ""
      )}
    </>
  );
}

/** A labelled input with its error below, wired for screen readers. */
export function Field(props: {
  label: string;
  name: string;
  /** Element id, when two forms on one page share a field name. */
  id?: string;
  type?: "text" | "email" | "password";
  state: FormState;
  autocomplete: string;
  required?: boolean;
  autofocus?: boolean;
  hint?: string;
  minlength?: number;
  maxlength?: number;
}): JSX.Element {
  const id = props.id ?? `f-${props.name}`;
  const error = props.state.errors[props.name];
  const type = props.type ?? "text";
  const value = type === "password" ? undefined : props.state.values[props.name];
  const described = [error ? `${id}-err` : "", props.hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <label for={id}>
      <span safe>{props.label}</span>
      <input
        id={id}
        name={props.name}
        type={type}
        value={value}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        autofocus={props.autofocus}
        minlength={props.minlength}
        maxlength={props.maxlength ?? 200}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
      {props.hint ? (
        <span class="hint" id={`${id}-hint`} safe>
          {props.hint}
        </span>
      ) : (
        ""
      )}
      {error ? (
        <span class="field-error" id={`${id}-err`} safe>
          {error}
        </span>
      ) : (
        ""
      )}
    </label>
  );
}

/** A time-zone picker; with `guess`, public/timezone.js preselects the browser's zone when nothing was chosen yet. */
export function TimeZoneSelect(props: { state: FormState; guess?: boolean }): JSX.Element {
  const chosen = props.state.values.timezone || "UTC";
  const error = props.state.errors.timezone;
  return (
    <label for="f-timezone">
      <span>Time zone</span>
      <select
        id="f-timezone"
        name="timezone"
        data-guess={props.guess && !props.state.values.timezone ? "browser" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby="f-timezone-hint"
      >
        {TIME_ZONES.map((z) => (
          <option value={z} selected={z === chosen} safe>
            {z}
          </option>
        ))}
      </select>
      <span class="hint" id="f-timezone-hint">
        Daily runs and dates follow this zone.
      </span>
      {error ? (
        <span class="field-error" safe>
          {error}
        </span>
      ) : (
        ""
      )}
    </label>
  );
}

/** The password rule shown under new-password fields. */
export const PASSWORD_HINT = "At least 10 characters. A few unrelated words make a strong one.";
