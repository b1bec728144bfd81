import type { User } from "../../src/auth/sessions";
import { formatInZone } from "../../src/lib/format";
import { formatLimit } from "../../src/model/quotas";
import { CsrfField, Field, FormMessages, type FormState } from "../auth/fields";
import { Page } from "../layout/page";

/** What the team page shows an account's owner. */
export interface TeamView {
  me: User;
  csrf: string;
  unread: number;
  planName: string;
  seatsUsed: number;
  seatsLimit: number;
  members: { id: number; name: string; email: string }[];
  pending: { id: number; email: string; expiresAt: Date }[];
  state: FormState;
  /** A refused invitation's link to change plan. */
  upgradeUrl?: string;
  /** Set for a member: whose account they are in (they cannot invite). */
  ownerName?: string;
}

function Members(props: { members: TeamView["members"]; csrf: string }): JSX.Element {
  if (props.members.length === 0) return <p class="hint">Nobody has joined your account yet.</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Members of your account</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((m) => (
            <tr>
              <td safe>{m.name}</td>
              <td safe>{m.email}</td>
              <td>
                <form method="post" action={`/settings/team/members/${m.id}/remove`}>
                  <CsrfField csrf={props.csrf} />
                  <button type="submit" class="secondary small" aria-label={`Remove ${m.email} and what they made`}>
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pending(props: { pending: TeamView["pending"]; csrf: string; timezone: string }): JSX.Element {
  if (props.pending.length === 0) return <p class="hint">No invitations are waiting to be accepted.</p>;
  return (
    <ul class="stack">
      {props.pending.map((p) => (
        <li>
          <span safe>{p.email}</span> (link works until <span safe>{formatInZone(p.expiresAt, props.timezone)}</span>){" "}
          <form method="post" action={`/settings/team/invites/${p.id}/withdraw`} class="inline-form">
            <CsrfField csrf={props.csrf} />
            <button type="submit" class="secondary small" aria-label={`Withdraw the invitation to ${p.email}`}>
              Withdraw
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** /settings/team: the owner invites people into their account (each takes a seat of the plan) and removes them. */
export function TeamPage(props: TeamView): JSX.Element {
  return (
    <Page title="Team" user={props.me} csrf={props.csrf} unread={props.unread} active="settings">
      {props.ownerName !== undefined ? (
        <section class="card stack">
          <h2>Team</h2>
          <p>
            You are a member of <strong safe>{props.ownerName}</strong>'s account; they invite and remove people.
          </p>
        </section>
      ) : (
        <section class="card stack" id="team" aria-labelledby="team-title">
          <h2 id="team-title">Team</h2>
          <p>
            Seats on your <strong safe>{props.planName}</strong> plan:{" "}
            <span id="seats" safe>{`${formatLimit(props.seatsUsed)} of ${formatLimit(props.seatsLimit)} used`}</span> (you, the members and
            the invitations not yet accepted). Removing a member deletes their sign-in and what they made.
          </p>
          <FormMessages state={props.state} />
          {props.upgradeUrl ? (
            <p>
              <a href={props.upgradeUrl}>See plans and billing</a>
            </p>
          ) : (
            ""
          )}
          <Members members={props.members} csrf={props.csrf} />
          <h3>Invite someone</h3>
          <form method="post" action="/settings/team/invite" class="inline-form">
            <CsrfField csrf={props.csrf} />
            <Field
              label="Email"
              name="email"
              id="f-team-email"
              type="email"
              state={props.state}
              autocomplete="off"
              hint="They get a link to choose a name and password and join your account."
            />
            <button type="submit">Send invitation</button>
          </form>
          <Pending pending={props.pending} csrf={props.csrf} timezone={props.me.timezone} />
        </section>
      )}
    </Page>
  );
}
