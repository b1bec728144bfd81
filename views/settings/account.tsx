import type { User } from "../../src/auth/sessions";
import { CsrfField, Field, FormMessages, PASSWORD_HINT, TimeZoneSelect, type FormState } from "../auth/fields";
import { Page } from "../layout/page";
import { ReportSettingsForm } from "../reports/settings-form";
import { SettingsTabs } from "./tabs";
import { TokensSection, type TokensView } from "./tokens";

/** Name, email and time zone. */
export function ProfileForm(props: { csrf: string; state: FormState }): JSX.Element {
  return (
    <form method="post" action="/settings/profile" class="stack card" id="profile" hx-post="/settings/profile" hx-swap="outerHTML">
      <h2>Profile</h2>
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <div class="grid2">
        <Field label="Name" name="name" state={props.state} autocomplete="name" maxlength={100} />
        <Field label="Email" name="email" type="email" state={props.state} autocomplete="email" />
      </div>
      <TimeZoneSelect state={props.state} />
      <div class="actions">
        <button type="submit">Save profile</button>
      </div>
    </form>
  );
}

/** Change password: needs the current one. */
export function PasswordForm(props: { csrf: string; state: FormState }): JSX.Element {
  return (
    <form method="post" action="/settings/password" class="stack card" id="password" hx-post="/settings/password" hx-swap="outerHTML">
      <h2>Password</h2>
      <CsrfField csrf={props.csrf} />
      <FormMessages state={props.state} />
      <input type="text" name="username" autocomplete="username" value={props.state.values.username} hidden />
      <div class="grid2">
        <Field label="Current password" name="current_password" type="password" state={props.state} autocomplete="current-password" />
        <Field
          label="New password"
          name="password"
          type="password"
          state={props.state}
          autocomplete="new-password"
          minlength={10}
          hint={PASSWORD_HINT}
        />
      </div>
      <label>
        <input type="checkbox" name="revoke_tokens" /> Also revoke all my API tokens (if one may have leaked with the password)
      </label>
      <div class="actions">
        <button type="submit">Change password</button>
        <span class="hint">Your other sessions are signed out.</span>
      </div>
    </form>
  );
}

/** Links to the settings that live on their own pages, so every page is reachable from Settings (Users is a tab above). */
export function MoreSettings(props: { user: User }): JSX.Element {
  const admin = props.user.role === "admin";
  return (
    <section class="card" id="more-settings">
      <h2>More settings</h2>
      <ul class="link-list">
        <li>
          <a href="/approval/settings">Approval and digest settings</a>{" "}
          <span class="hint">digest time, channels, Telegram, what happens to unapproved posts</span>
        </li>
        <li>
          <a href="/usage">Model usage and budget</a> <span class="hint">this month's model calls and cost, your monthly budget</span>
        </li>
        <li>
          <a href="/api/docs">API documentation</a> <span class="hint">the JSON API your tokens above open</span>
        </li>
        {admin ? (
          <li>
            <a href="/schedules">Schedules</a> <span class="hint">nightly generation and maintenance: last and next run, run now</span>
          </li>
        ) : (
          ""
        )}
        {admin ? (
          <li>
            <a href="/admin/workers">Workers and queues</a>{" "}
            <span class="hint">the processes, what they run, queue depths and failures, database and media store status</span>
          </li>
        ) : (
          ""
        )}
      </ul>
    </section>
  );
}

/** Everything the account settings page shows. */
export interface AccountView {
  user: User;
  csrf: string;
  unread: number;
  profile: FormState;
  password: FormState;
  tokens: TokensView;
  /** The line shown after the report email setting was saved without JavaScript. */
  reportSaved?: string;
}

/** /settings: profile, password and personal API tokens. */
export function AccountSettingsPage(props: AccountView): JSX.Element {
  return (
    <Page title="Settings" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <SettingsTabs user={props.user} active="account" />
        <div class="stack settings">
          <ProfileForm csrf={props.csrf} state={props.profile} />
          <PasswordForm csrf={props.csrf} state={props.password} />
          <TokensSection {...props.tokens} />
          <ReportSettingsForm csrf={props.csrf} frequency={props.user.reportFrequency} saved={props.reportSaved} />
          <MoreSettings user={props.user} />
        </div>
      </>
    </Page>
  );
}
