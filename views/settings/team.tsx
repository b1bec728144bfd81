import type { User } from "../../src/auth/sessions";
import { formatInZone } from "../../src/lib/format";
import { formatLimit } from "../../src/model/quotas";
import { FormMessages, type FormState } from "../auth/fields";
import { Page } from "../layout/page";
import { InviteForm, PeopleTable, PersonAction } from "./people";

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
    <PeopleTable caption="Members of your account" columns={["Name", "Email"]}>
      {props.members.map((m) => (
        <tr>
          <td safe>{m.name}</td>
          <td safe>{m.email}</td>
          <td>
            <PersonAction
              action={`/settings/team/members/${m.id}/remove`}
              csrf={props.csrf}
              label="Remove"
              ariaLabel={`Remove ${m.email} and what they made`}
            />
          </td>
        </tr>
      ))}
    </PeopleTable>
  );
}

function Pending(props: { pending: TeamView["pending"]; csrf: string; timezone: string }): JSX.Element {
  if (props.pending.length === 0) return <p class="hint">No invitations are waiting to be accepted.</p>;
  return (
    <ul class="stack">
      {props.pending.map((p) => (
        <li>
          <span safe>{p.email}</span> (link works until <span safe>{formatInZone(p.expiresAt, props.timezone)}</span>){" "}
          <PersonAction
            action={`/settings/team/invites/${p.id}/withdraw`}
            csrf={props.csrf}
            label="Withdraw"
            ariaLabel={`Withdraw the invitation to ${p.email}`}
            inline
          />
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
          <p>
            You are a member of <strong safe>{props.ownerName}</strong>'s account; they invite and remove people.
          </p>
        </section>
      ) : (
        <section class="card stack" id="team">
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
          <InviteForm
            action="/settings/team/invite"
            fieldId="f-team-email"
            csrf={props.csrf}
            state={props.state}
            hint="They get a link to choose a name and password and join your account."
          />
          <Pending pending={props.pending} csrf={props.csrf} timezone={props.me.timezone} />
        </section>
      )}
    </Page>
  );
}
