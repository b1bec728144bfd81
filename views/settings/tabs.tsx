import type { User } from "../../src/auth/sessions";

/** The tabs at the top of Settings; Users only for admins. */
export function SettingsTabs(props: { user: User; active: "account" | "users" | "box" }): JSX.Element {
  return (
    <nav class="tabs" aria-label="Settings sections">
      <a href="/settings" aria-current={props.active === "account" ? "page" : undefined}>
        Your account
      </a>
      {props.user.role === "admin" ? (
        <a href="/settings/users" aria-current={props.active === "users" ? "page" : undefined}>
          Users
        </a>
      ) : (
        ""
      )}
      <a href="/settings/box" aria-current={props.active === "box" ? "page" : undefined}>
        This box
      </a>
    </nav>
  );
}
