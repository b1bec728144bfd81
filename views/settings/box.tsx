import type { User } from "../../src/auth/sessions";
import { Field, FormMessages, type FormState } from "../auth/fields";
import { Page } from "../layout/page";
import { SettingsTabs } from "./tabs";

/** What the "This box" settings show: the public address in effect, where it comes from, and why it may not be reachable. */
export interface BoxView {
  user: User;
  csrf: string;
  unread: number;
  address: { value: string; source: "file" | "browser" | "unset"; problem?: string };
  state: FormState;
}

/** The public address form (admins; read-only when the config file sets it). A plain form: saving redraws the warning on every page. */
export function AddressForm(props: BoxView): JSX.Element {
  const a = props.address;
  return (
    <section class="card" id="public-address">
      <h2>Public address</h2>
      <p class="muted">
        Links in emails, the redirect URIs registered with platforms, short links and media Instagram fetches are built from this address.
        Use the one people and phones reach this box at (an https:// name when the box is on the internet).
      </p>
      {a.problem ? (
        <p class="notice notice-warn" safe>
          {a.problem}
        </p>
      ) : (
        ""
      )}
      {a.source === "file" || props.user.role !== "admin" ? (
        <p safe>{`${a.value}${a.source === "file" ? " (set in the configuration file or the environment; change it there)" : ""}`}</p>
      ) : (
        <form method="post" action="/settings/box" class="stack">
          <FormMessages state={props.state} />
          <input type="hidden" name="_csrf" value={props.csrf} />
          <Field
            label="Public address"
            name="public_base_url"
            state={props.state}
            autocomplete="url"
            maxlength={300}
            hint="Switching between http:// and https:// signs you out here: sign in again at the new address (sessions over https use secure cookies)."
          />
          <button type="submit">Save address</button>
        </form>
      )}
    </section>
  );
}

/** /settings/box: settings of this box (the public address). */
export function BoxSettingsPage(props: BoxView): JSX.Element {
  return (
    <Page title="Settings" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <SettingsTabs user={props.user} active="box" />
        <div class="stack settings">
          <AddressForm {...props} />
        </div>
      </>
    </Page>
  );
}
