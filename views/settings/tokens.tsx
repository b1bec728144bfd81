import type { ApiTokenRow } from "../../src/api/tokens";
import { formatInZone } from "../../src/lib/format";
import { CsrfField, Field, FormMessages, type FormState } from "../auth/fields";

/** What the tokens section shows: the list, the create form, and a new token exactly once. */
export interface TokensView {
  csrf: string;
  timezone: string;
  tokens: ApiTokenRow[];
  state: FormState;
  created?: { name: string; token: string };
}

function NewToken(props: { name: string; token: string }): JSX.Element {
  return (
    <div class="notice notice-ok new-token" role="status">
      <p>
        Token <strong safe>{props.name}</strong> created. Copy it now: it is shown only this once and stored only as a hash.
      </p>
      <label for="new-token">
        <span>Your new token</span>
        <input id="new-token" class="secret" type="text" readonly value={props.token} autofocus spellcheck="false" autocomplete="off" />
      </label>
      <p class="hint">
        Use it as <code>Authorization: Bearer &lt;token&gt;</code> with the API under <code>/api/v1</code>.
      </p>
    </div>
  );
}

function TokenRow(props: { token: ApiTokenRow; csrf: string; timezone: string }): JSX.Element {
  const t = props.token;
  const action = `/settings/tokens/${t.id}/revoke`;
  const lastUsed: string = t.lastUsedAt ? formatInZone(t.lastUsedAt, props.timezone) : "never";
  return (
    <tr>
      <td safe>{t.name}</td>
      <td>
        <code safe>{t.prefix + "…"}</code>
      </td>
      <td safe>{formatInZone(t.createdAt, props.timezone)}</td>
      <td safe>{lastUsed}</td>
      <td>
        <form
          method="post"
          action={action}
          hx-post={action}
          hx-target="#tokens"
          hx-swap="outerHTML"
          hx-confirm={`Revoke the token "${t.name}"? Scripts using it stop working.`}
        >
          <CsrfField csrf={props.csrf} />
          <button type="submit" class="secondary small" aria-label={`Revoke token ${t.name}`}>
            Revoke
          </button>
        </form>
      </td>
    </tr>
  );
}

/** Personal API tokens: create (shown once), list, revoke. */
export function TokensSection(props: TokensView): JSX.Element {
  return (
    <section class="card stack" id="tokens" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Personal API tokens</h2>
      <p class="muted">Tokens let your scripts use the API as you. Revoke one you no longer use or that may have leaked.</p>
      {props.created ? <NewToken name={props.created.name} token={props.created.token} /> : ""}
      <FormMessages state={props.state} />
      {props.tokens.length === 0 ? (
        <p class="empty">No tokens yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((t) => (
                <TokenRow token={t} csrf={props.csrf} timezone={props.timezone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action="/settings/tokens" class="inline-form" hx-post="/settings/tokens" hx-target="#tokens" hx-swap="outerHTML">
        <CsrfField csrf={props.csrf} />
        <Field
          label="New token name"
          name="name"
          id="f-token-name"
          required={false}
          state={{ values: {}, errors: props.state.errors }}
          autocomplete="off"
          maxlength={80}
          hint="What will use it, e.g. “deploy script”."
        />
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
