import type { User } from "../../src/auth/sessions";
import { formatInZone } from "../../src/auth/timezones";
import type { UserRow } from "../../src/users/store";
import { CsrfField, Field, FormMessages, type FormState } from "../auth/fields";
import { Page } from "../layout/page";
import { SettingsTabs } from "./tabs";

/** Invite someone by email. */
export function InviteForm(props: { csrf: string; state: FormState }): JSX.Element {
  return (
    <form method="post" action="/settings/users/invite" class="stack card" id="invite" hx-post="/settings/users/invite" hx-swap="outerHTML">
      <h2>Invite someone</h2>
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <Field
        label="Email"
        name="email"
        id="f-invite-email"
        type="email"
        state={props.state}
        autocomplete="off"
        hint="They get a link to choose a name and password. It works once, for a week."
      />
      <div class="actions">
        <button type="submit">Send invitation</button>
      </div>
    </form>
  );
}

function RoleForm(props: { target: UserRow; csrf: string }): JSX.Element {
  const t = props.target;
  const action = `/settings/users/${t.id}/role`;
  const next = t.role === "admin" ? "member" : "admin";
  return (
    <form method="post" action={action} hx-post={action} hx-target="#users" hx-swap="outerHTML">
      <CsrfField csrf={props.csrf} />
      <input type="hidden" name="role" value={next} />
      <button type="submit" class="secondary small" aria-label={`Make ${t.name} ${next === "admin" ? "an admin" : "a member"}`}>
        {next === "admin" ? "Make admin" : "Make member"}
      </button>
    </form>
  );
}

/** The table of users with their roles (swapped in place after a role change). */
export function UsersTable(props: { users: UserRow[]; me: User; csrf: string; state: FormState }): JSX.Element {
  return (
    <section class="card stack" id="users" aria-labelledby="users-title">
      <h2 id="users-title">People with access</h2>
      <FormMessages state={props.state} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
      <p class="hint">Admins can invite people and change roles. The last admin cannot be made a member.</p>
    </section>
  );
}

/** /settings/users (admins only). */
export function UsersPage(props: { me: User; csrf: string; users: UserRow[]; table: FormState; invite: FormState }): JSX.Element {
  return (
    <Page title="Settings" user={props.me} csrf={props.csrf} active="settings">
      <>
        <SettingsTabs user={props.me} active="users" />
        <div class="stack settings">
          <UsersTable users={props.users} me={props.me} csrf={props.csrf} state={props.table} />
          <InviteForm csrf={props.csrf} state={props.invite} />
        </div>
      </>
    </Page>
  );
}

/** Shown to a member who opens an admin-only page. */
export function AdminOnlyPage(props: { me: User; csrf: string }): JSX.Element {
  return (
    <Page title="Settings" user={props.me} csrf={props.csrf} active="settings">
      <>
        <SettingsTabs user={props.me} active="account" />
        <div class="notice notice-error" role="alert">
          Only an administrator can manage users. Ask an admin of this box to invite people or change roles.
        </div>
      </>
    </Page>
  );
}
