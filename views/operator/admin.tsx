import type { User } from "../../src/auth/sessions";
import { formatLimit } from "../../src/model/quotas";
import { Page } from "../layout/page";
import { ExportForm } from "../exports/form";

/** One account as the admin list shows it. */
export interface AccountLine {
  id: number;
  name: string;
  email: string;
  role: string;
  planId: string;
  planName: string;
  status: string;
  suspended: boolean;
  lastActive?: string;
  usage: { label: string; used: number; limit: number }[];
  /** The people the owner invited into the account: each has an export of their own, and goes when the account is deleted. */
  members: { id: number; name: string; email: string }[];
}

// The sentence above the delete button of an account with members: the schema deletes them with the owner.
function membersGoToo(members: AccountLine["members"]): string {
  const n = members.length;
  return `Deleting this account also deletes its ${n} member${n === 1 ? "" : "s"} (${members.map((m) => m.email).join(", ")}): their sign-in and what they made.`;
}

/** /admin/accounts: every account with plan, state, use and last activity, and what the operator can do to it. */
export function AccountsPage(props: {
  user: User;
  csrf: string;
  unread: number;
  accounts: AccountLine[];
  plans: { id: string; name: string }[];
  message?: string;
}): JSX.Element {
  return (
    <Page title="Accounts" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        {props.message ? (
          <div class="notice notice-ok" role="status" safe>
            {props.message}
          </div>
        ) : (
          ""
        )}
        <div class="table-wrap">
          <table class="accounts">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Use</th>
                <th scope="col">Last activity</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.accounts.map((a) => (
                <tr id={`account-${a.id}`}>
                  <th scope="row">
                    <span safe>{a.name}</span>
                    <br />
                    <span class="muted" safe>
                      {a.email}
                    </span>
                    {a.members.length > 0 ? (
                      <ul class="flush account-members">
                        {a.members.map((m) => (
                          <li>
                            <span safe>{`Member: ${m.name} (${m.email})`}</span>
                            <ExportForm csrf={props.csrf} what="account" id={m.id} label={`Export ${m.name}'s own data (zip)`} />
                          </li>
                        ))}
                      </ul>
                    ) : (
                      ""
                    )}
                  </th>
                  <td>
                    {a.role === "admin" ? (
                      <span class="muted">none (operator)</span>
                    ) : (
                      <form method="post" action={`/admin/accounts/${a.id}/plan`} class="inline">
                        <input type="hidden" name="_csrf" value={props.csrf} />
                        <label for={`plan-${a.id}`} class="visually-hidden">
                          {`Plan of ${a.email}` as "safe"}
                        </label>
                        <select id={`plan-${a.id}`} name="plan">
                          {props.plans.map((p) => (
                            <option value={p.id} selected={p.id === a.planId} safe>
                              {p.name}
                            </option>
                          ))}
                        </select>{" "}
                        <button type="submit" class="small">
                          Set
                        </button>
                      </form>
                    )}
                  </td>
                  <td safe>{a.suspended ? `suspended (${a.status})` : a.status}</td>
                  <td>
                    <ul class="flush">
                      {a.usage.map((u) => (
                        <li safe>{`${u.label}: ${formatLimit(u.used)} / ${formatLimit(u.limit)}`}</li>
                      ))}
                    </ul>
                  </td>
                  <td safe>{a.lastActive ?? "never"}</td>
                  <td>
                    {a.role === "admin" ? (
                      <span class="muted">operator</span>
                    ) : (
                      <div class="stack">
                        <form method="post" action={`/admin/accounts/${a.id}/${a.suspended ? "resume" : "suspend"}`}>
                          <input type="hidden" name="_csrf" value={props.csrf} />
                          <button type="submit" class="small">
                            {a.suspended ? "Resume" : "Suspend"}
                          </button>
                        </form>
                        <ExportForm csrf={props.csrf} what="account" id={a.id} label="Export (zip)" />
                        <form method="post" action={`/admin/accounts/${a.id}/delete`}>
                          <input type="hidden" name="_csrf" value={props.csrf} />
                          {a.members.length > 0 ? (
                            <p class="notice notice-warn" safe>
                              {membersGoToo(a.members)}
                            </p>
                          ) : (
                            ""
                          )}
                          <label for={`confirm-${a.id}`}>Type the email to delete</label>
                          <input id={`confirm-${a.id}`} name="confirm" type="email" autocomplete="off" required />
                          <button type="submit" class="small danger">
                            Delete account and data
                          </button>
                        </form>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    </Page>
  );
}
