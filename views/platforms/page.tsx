import type { User } from "../../src/auth/sessions";
import type { AccountView, PlatformView } from "../../src/connections/overview";
import type { ItemRow } from "../../src/publishing/input";
import { Notice, Page } from "../layout/page";
import { CredentialsForm } from "./credentials";
import { ExportForm } from "../exports/form";

const when = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "does not expire");

function Account(props: { a: AccountView; csrf: string; platform: PlatformView; choice: boolean }): JSX.Element {
  const a = props.a;
  return (
    <li class="account">
      <div class="account-head">
        {a.avatarUrl ? (
          <img src={a.avatarUrl} alt="" width="40" height="40" class="avatar" />
        ) : (
          <span class="avatar" aria-hidden="true"></span>
        )}
        <strong safe>{a.name}</strong>
        {a.status === "ok" ? <span class="badge ok">Connected</span> : <span class="badge danger">Reconnect needed</span>}
        {props.choice && a.posting ? <span class="badge ok">Posts go here</span> : ""}
      </div>
      <dl class="facts">
        <dt>Posts in the last 24 hours</dt>
        <dd safe>{`${a.usedToday} of ${a.dailyCap}`}</dd>
        <dt>Access token expires</dt>
        <dd safe>{when(a.expiresAt)}</dd>
        {a.missingScopes.length > 0 ? (
          <>
            <dt>Permissions not granted</dt>
            <dd safe>{a.missingScopes.join(", ") + " (reconnect and allow them)"}</dd>
          </>
        ) : (
          ""
        )}
        {a.refusal ? (
          <>
            <dt>{a.refusal.partial ? "Some metrics refused" : "Metrics refused"}</dt>
            <dd safe>{a.refusal.needs ? `${a.refusal.reason}. Reconnect and allow ${a.refusal.needs}.` : `${a.refusal.reason}.`}</dd>
          </>
        ) : (
          ""
        )}
        {a.lastError ? (
          <>
            <dt>Last problem</dt>
            <dd safe>{a.lastError}</dd>
          </>
        ) : (
          ""
        )}
      </dl>
      <div class="actions">
        {props.choice && !a.posting ? (
          <form
            method="post"
            action={`/platforms/connections/${a.id}/select`}
            hx-post={`/platforms/connections/${a.id}/select`}
            hx-target={`#platform-${props.platform.id}`}
            hx-swap="outerHTML"
          >
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit">Post as this account</button>
          </form>
        ) : (
          ""
        )}
        {a.status !== "ok" || a.refusal !== undefined ? (
          <form method="post" action={`/platforms/${props.platform.id}/connect`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit">Reconnect</button>
          </form>
        ) : (
          ""
        )}
        <form method="post" action={`/platforms/connections/${a.id}/disconnect`}>
          <input type="hidden" name="_csrf" value={props.csrf} />
          <button type="submit" class="secondary">
            Disconnect
          </button>
        </form>
      </div>
    </li>
  );
}

/** One platform's card: its accounts (with the choice of posting account when there are several), connect, and for admins the app credentials. */
export function PlatformCard(props: { p: PlatformView; csrf: string; error?: string }): JSX.Element {
  const p = props.p;
  return (
    <section class="card platform-card" id={`platform-${p.id}`}>
      <h2 safe>{p.label}</h2>
      {!p.available ? (
        <p class="muted" safe>
          {`Publishing to ${p.label} through its API is not available in this version. Items for ${p.label} can be downloaded as a bundle and posted by hand, then marked as posted with their link.`}
        </p>
      ) : p.missingConfig ? (
        p.credentials ? (
          <>
            <p
              safe
            >{`To connect ${p.label}, create a ${p.label} developer app (the guide below says how), register the redirect URI, and enter its credentials here.`}</p>
            <CredentialsForm p={p} csrf={props.csrf} error={props.error} />
          </>
        ) : (
          <p class="muted" safe>
            {`${p.label} cannot be connected yet: an administrator of this box has to enter the ${p.label} app credentials on this page first.`}
          </p>
        )
      ) : (
        <>
          {p.accounts.length > 1 ? (
            <p class="muted" safe>
              {`Posts go to ${p.accounts.find((a) => a.posting)?.name ?? p.accounts[0]!.name}. Choose "Post as this account" on another account to post there instead.`}
            </p>
          ) : (
            ""
          )}
          {p.accounts.length > 0 ? (
            <ul class="accounts">
              {p.accounts.map((a) => (
                <Account a={a} csrf={props.csrf} platform={p} choice={p.accounts.length > 1} />
              ))}
            </ul>
          ) : (
            <p class="muted">Not connected.</p>
          )}
          <form method="post" action={`/platforms/${p.id}/connect`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit" safe>
              {p.accounts.length > 0 ? "Connect another account" : `Connect ${p.label}`}
            </button>
          </form>
          <CredentialsForm p={p} csrf={props.csrf} error={props.error} />
        </>
      )}
    </section>
  );
}

function Attention(props: { items: ItemRow[]; csrf: string }): JSX.Element {
  if (props.items.length === 0) return <></>;
  return (
    <section class="attention">
      <h2>Posts that need you</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Item</th>
              <th>Platform</th>
              <th>What happened</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr>
                <td safe>{`#${i.id} ${i.title}`}</td>
                <td safe>{i.platform}</td>
                <td>
                  <span class={i.status === "failed" ? "badge danger" : "badge warn"}>
                    {i.status === "failed" ? "Failed" : i.status === "manual_ready" ? "Ready for manual posting" : "Needs a check"}
                  </span>{" "}
                  <span safe>{i.failure ?? ""}</span>
                </td>
                <td>
                  <div class="actions">
                    <form method="post" action={`/platforms/items/${i.id}/retry`}>
                      <input type="hidden" name="_csrf" value={props.csrf} />
                      <button type="submit">Retry</button>
                    </form>
                    <ExportForm csrf={props.csrf} what="item" id={i.id} label="Download bundle" />
                    <form method="post" action={`/platforms/items/${i.id}/posted`} class="inline-form">
                      <input type="hidden" name="_csrf" value={props.csrf} />
                      <label>
                        <span class="visually-hidden">Link to the post</span>
                        <input type="url" name="url" placeholder="https://… link to the post" required />
                      </label>
                      <button type="submit" class="secondary">
                        Mark as posted
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The Platforms page: one card per platform with its accounts, and the posts that need attention. */
export function PlatformsPage(props: {
  user: User;
  csrf: string;
  unread: number;
  platforms: PlatformView[];
  attention: ItemRow[];
  notice?: { kind: "ok" | "error"; text: string };
}): JSX.Element {
  return (
    <Page title="Platforms" user={props.user} csrf={props.csrf} unread={props.unread} active="platforms">
      <>
        {props.notice ? (
          <Notice kind={props.notice.kind}>
            <span safe>{props.notice.text}</span>
          </Notice>
        ) : (
          ""
        )}
        <Attention items={props.attention} csrf={props.csrf} />
        <div class="platform-grid">
          {props.platforms.map((p) => (
            <PlatformCard p={p} csrf={props.csrf} />
          ))}
        </div>
        <script src="/public/copy.js" defer></script>
      </>
    </Page>
  );
}
