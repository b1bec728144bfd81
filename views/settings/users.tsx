import type { User } from "../../src/auth/sessions";
import { formatInZone } from "../../src/lib/format";
import type { PendingInvite } from "../../src/users/invites-store";
import type { UserRow } from "../../src/users/store";
import { FormMessages, type FormState } from "../auth/fields";
import { Page } from "../layout/page";
import { InviteForm, PeopleTable, PersonAction } from "./people";
import { SettingsTabs } from "./tabs";

function PendingInvites(props: { invites: PendingInvite[]; csrf: string; timezone: string }): JSX.Element {
  if (props.invites.length === 0) return <p class="hint">No invitations are waiting to be accepted.</p>;
  return (
    <PeopleTable caption="Invitations waiting to be accepted" columns={["Invited email", "Invited by", "Link works until"]}>
      {props.invites.map((i) => (
        <tr>
          <td safe>{i.email}</td>
          <td safe>{i.inviterName}</td>
          <td safe>{formatInZone(i.expiresAt, props.timezone)}</td>
          <td>
            <PersonAction
              action={`/settings/users/invites/${i.id}/withdraw`}
              csrf={props.csrf}
              label="Withdraw"
              ariaLabel={`Withdraw the invitation to ${i.email}`}
              hxTarget="#invite"
            />
          </td>
        </tr>
      ))}
    </PeopleTable>
  );
}

/** What the invitation section shows. */
export interface InviteView {
  csrf: string;
  timezone: string;
  state: FormState;
  pending: PendingInvite[];
}

/** Invite someone by email, and the invitations still open (swapped in place after each action). */
export function InviteSection(props: InviteView): JSX.Element {
  return (
    <section class="card stack" id="invite" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <FormMessages state={props.state} />
      <InviteForm
        action="/settings/users/invite"
        fieldId="f-invite-email"
        csrf={props.csrf}
        state={props.state}
        hint="They get a link to choose a name and password. It works once, for a limited time."
        hxTarget="#invite"
      />
      <PendingInvites invites={props.pending} csrf={props.csrf} timezone={props.timezone} />
    </section>
  );
}

function RoleForm(props: { target: UserRow; csrf: string }): JSX.Element {
  const t = props.target;
  const label = t.role === "admin" ? "Make member" : "Make admin";
  return (
    <PersonAction
      action={`/settings/users/${t.id}/role`}
      csrf={props.csrf}
      label={label}
      ariaLabel={`${label}: ${t.name}`}
      fields={{ role: t.role === "admin" ? "member" : "admin" }}
      hxTarget="#users"
    />
  );
}

/** The table of users with their roles (swapped in place after a role change). */
export function UsersTable(props: { users: UserRow[]; me: User; csrf: string; state: FormState }): JSX.Element {
  return (
    <section class="card stack" id="users" aria-labelledby="users-title">
      <h2 id="users-title">People with access</h2>
      <FormMessages state={props.state} />
      <PeopleTable columns={["Name", "Email", "Role", "Joined"]}>
        {props.users.map((u) => (
          <tr>
            <td>
              <span safe>{u.name}</span>
              {u.id === props.me.id ? <span class="muted"> (you)</span> : ""}
            </td>
            <td safe>{u.email}</td>
            <td>
              <span class={u.role === "admin" ? "badge ok" : "badge"}>{u.role}</span>
            </td>
            <td safe>{formatInZone(u.createdAt, props.me.timezone)}</td>
            <td>
              <RoleForm target={u} csrf={props.csrf} />
            </td>
          </tr>
        ))}
      </PeopleTable>
      <p class="hint">Admins can invite people and change roles. The last admin cannot be made a member.</p>
    </section>
  );
}

/** /settings/users (admins only). */
export function UsersPage(props: {
  me: User;
  csrf: string;
  unread: number;
  users: UserRow[];
  table: FormState;
  invite: InviteView;
}): JSX.Element {
  return (
    <Page title="Settings" user={props.me} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <SettingsTabs user={props.me} active="users" />
        <div class="stack settings">
          <UsersTable users={props.users} me={props.me} csrf={props.csrf} state={props.table} />
          <InviteSection {...props.invite} />
        </div>
      </>
    </Page>
  );
}

/** Shown to a member who opens an admin-only page. */
export function AdminOnlyPage(props: { me: User; csrf: string; unread: number }): JSX.Element {
  return (
    <Page title="Settings" user={props.me} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <SettingsTabs user={props.me} active="account" />
        <div class="notice notice-error" role="alert">
          Only an administrator can manage users. Ask an admin of this box to invite people or change roles.
        </div>
      </>
    </Page>
  );
}
