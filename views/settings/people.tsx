import { CsrfField, Field, type FormState } from "../auth/fields";

/** Where an htmx form's answer goes: the section it replaces (outerHTML), so the page stays put after the action. */
type SwapTarget = { hxTarget?: string };

/**
 * A table of people (users, members, invitations) as the settings pages show them: column heads, an unlabelled last
 * column for each row's buttons, and an optional caption for screen readers; the rows come as children.
 */
export function PeopleTable(props: { caption?: string; columns: string[]; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <div class="table-wrap">
      <table>
        {props.caption ? (
          <caption class="visually-hidden" safe>
            {props.caption}
          </caption>
        ) : (
          ""
        )}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" safe>
                {c}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children as "safe"}</tbody>
      </table>
    </div>
  );
}

/** One small button that posts to `action` (remove, withdraw, change role), with extra fields and a label naming whom it acts on. */
export function PersonAction(
  props: { action: string; csrf: string; label: string; ariaLabel: string; fields?: Record<string, string>; inline?: boolean } & SwapTarget,
): JSX.Element {
  const hx = props.hxTarget ? { "hx-post": props.action, "hx-target": props.hxTarget, "hx-swap": "outerHTML" } : {};
  return (
    <form method="post" action={props.action} class={props.inline ? "inline-form" : undefined} {...hx}>
      <CsrfField csrf={props.csrf} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary small" aria-label={props.ariaLabel} safe>
        {props.label}
      </button>
    </form>
  );
}

/** The invite-by-email form: one email field with its hint and error, and the send button. */
export function InviteForm(
  props: { action: string; fieldId: string; csrf: string; state: FormState; hint: string } & SwapTarget,
): JSX.Element {
  const hx = props.hxTarget ? { "hx-post": props.action, "hx-target": props.hxTarget, "hx-swap": "outerHTML" } : {};
  return (
    <form method="post" action={props.action} class="inline-form" {...hx}>
      <CsrfField csrf={props.csrf} />
      <Field label="Email" name="email" id={props.fieldId} type="email" state={props.state} autocomplete="off" hint={props.hint} />
      <button type="submit">Send invitation</button>
    </form>
  );
}
