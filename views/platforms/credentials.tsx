import type { PlatformView } from "../../src/connections/overview";

/** The redirect URI to register with the platform, with a copy button (public/copy.js). */
export function RedirectUri(props: { p: PlatformView }): JSX.Element {
  const id = `redirect-${props.p.id}`;
  return (
    <div class="redirect-uri">
      <span class="muted">Redirect URI to register with the platform</span>
      <div class="copy-row">
        <code id={id} safe>
          {props.p.redirectUri}
        </code>
        <button type="button" class="secondary small" data-copy={`#${id}`}>
          Copy
        </button>
      </div>
    </div>
  );
}

function SecretState(props: { source: string; tail: string }): JSX.Element {
  if (props.source === "file") return <span class="badge">set in the configuration file</span>;
  if (props.source === "browser") return <span class="badge ok" safe>{`set, ends with …${props.tail}`}</span>;
  return <span class="badge warn">not set</span>;
}

/** The app credentials form of a platform's card (admins only): values from the config file are shown read-only, the secret never. */
export function CredentialsForm(props: { p: PlatformView; csrf: string; error?: string }): JSX.Element {
  const p = props.p;
  const c = p.credentials;
  if (!c) return <></>;
  const readOnly = c.id.source === "file" && c.secret.source === "file";
  const target = `#platform-${p.id}`;
  return (
    <details class="credentials" open={p.missingConfig !== "" || !!props.error || !!p.check || !!p.saved}>
      <summary>App credentials</summary>
      <p class="muted">
        <a href={p.guideUrl} safe>{`Step-by-step: create the ${p.label} developer app`}</a>
        {c.sharedWith.length > 0 ? <span safe>{` (shared with ${c.sharedWith.join(", ")}: one app serves both)`}</span> : ""}
      </p>
      <RedirectUri p={p} />
      {props.error ? (
        <p class="notice notice-error" role="alert" safe>
          {props.error}
        </p>
      ) : (
        ""
      )}
      {p.saved ? (
        <p class="notice notice-ok" role="status" safe>
          {p.saved}
        </p>
      ) : (
        ""
      )}
      {p.check ? (
        <p
          class={`notice ${p.check.outcome === "failed" ? "notice-error" : p.check.outcome === "ok" ? "notice-ok" : "notice-info"}`}
          role="status"
          safe
        >
          {p.check.text}
        </p>
      ) : (
        ""
      )}
      <form
        method="post"
        action={`/platforms/${p.id}/credentials`}
        hx-post={`/platforms/${p.id}/credentials`}
        hx-target={target}
        hx-swap="outerHTML"
        class="stack"
      >
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label>
          <span safe>{c.idLabel}</span>
          {c.id.source === "file" ? (
            <span class="badge">set in the configuration file</span>
          ) : (
            <input type="text" name={c.idField} value={c.id.value} autocomplete="off" spellcheck="false" maxlength={500} required />
          )}
        </label>
        <label>
          <span safe>{c.secretLabel}</span> <SecretState source={c.secret.source} tail={c.secret.tail} />
          {c.secret.source === "file" ? (
            ""
          ) : (
            <input
              type="password"
              name="client_secret"
              autocomplete="new-password"
              maxlength={500}
              placeholder={c.secret.source === "browser" ? "Type a new secret to replace it" : ""}
              required={c.secret.source === "unset"}
            />
          )}
        </label>
        {readOnly ? (
          <p class="muted">These come from the configuration file (or the environment); change them there.</p>
        ) : (
          <button type="submit">Save credentials</button>
        )}
      </form>
      <form
        method="post"
        action={`/platforms/${p.id}/credentials/test`}
        hx-post={`/platforms/${p.id}/credentials/test`}
        hx-target={target}
        hx-swap="outerHTML"
      >
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          Test
        </button>
      </form>
    </details>
  );
}
