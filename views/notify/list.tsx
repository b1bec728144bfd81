import type { User } from "../../src/auth/sessions";
import { formatLocal } from "../../src/lib/format";
import type { NotificationRow } from "../../src/notify/store";
import { Page } from "../layout/page";

/** The in-app notifications, newest first, with "Mark all read". */
export function NotificationsPage(props: { user: User; csrf: string; rows: NotificationRow[]; unread: number }): JSX.Element {
  return (
    <Page title="Notifications" user={props.user} csrf={props.csrf} active="approval">
      <>
        {props.unread > 0 ? (
          <form method="post" action="/notifications/read" class="actions">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <span safe>{`${props.unread} unread`}</span>
            <button type="submit" class="secondary">
              Mark all read
            </button>
          </form>
        ) : (
          ""
        )}
        {props.rows.length === 0 ? (
          <p class="empty">No notifications yet.</p>
        ) : (
          <ul class="notifications">
            {props.rows.map((n) => (
              <li class={n.readAt ? "read" : "unread"}>
                <a href={n.href || "/approval"} safe>
                  {n.title}
                </a>
                <span class="muted" safe>{` ${n.body} · ${formatLocal(n.createdAt, props.user.timezone)}`}</span>
              </li>
            ))}
          </ul>
        )}
      </>
    </Page>
  );
}
