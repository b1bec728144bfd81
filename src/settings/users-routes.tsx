import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sendInvite } from "../auth/invite-routes";
import { describeMailOutcome } from "../auth/mail";
import { formAnswer, pageAnswer } from "../auth/respond";
import type { Session, User } from "../auth/sessions";
import { emailProblem, readFields } from "../auth/validate";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { listPendingInvites, withdrawInvite } from "../users/invites-store";
import { findUserByEmail, findUserById, listUsers, setUserRole } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AdminOnlyPage, InviteSection, UsersPage, UsersTable, type InviteView } from "../../views/settings/users";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

function inviteView(ctx: AppContext, me: User, session: Session, state = emptyForm()): InviteView {
  return { csrf: session.csrfToken, timezone: me.timezone, state, pending: listPendingInvites(ctx.db, ctx.clock.now()) };
}

function usersPage(ctx: AppContext, auth: NonNullable<Auth>, table = emptyForm(), invite = emptyForm()) {
  const { user: me, session, unread } = auth;
  return (
    <UsersPage
      me={me}
      csrf={session.csrfToken}
      unread={unread}
      users={listUsers(ctx.db)}
      table={table}
      invite={inviteView(ctx, me, session, invite)}
    />
  );
}

function adminOnly(set: SetLike, auth: NonNullable<Auth>) {
  return pageAnswer(set, 403, <AdminOnlyPage me={auth.user} csrf={auth.session.csrfToken} unread={auth.unread} />);
}

/** Changes a role; returns the message to show and whether it happened. */
function changeRole(ctx: AppContext, targetId: number, role: string): { ok: boolean; text: string; status: number } {
  const target = findUserById(ctx.db, targetId);
  if (!target) return { ok: false, text: "That user does not exist (any more). Nothing was changed.", status: 404 };
  if (role !== "admin" && role !== "member") return { ok: false, text: "Choose the role admin or member.", status: 422 };
  if (!setUserRole(ctx.db, target.id, role))
    return { ok: false, text: `${target.name} is the last admin, so they stay an admin. Make someone else an admin first.`, status: 409 };
  return { ok: true, text: `${target.name} is now ${role === "admin" ? "an admin" : "a member"}.`, status: 200 };
}

/** Checks the address, sends the invitation, and says what happened. */
async function invite(ctx: AppContext, me: User, email: string): Promise<{ state: FormState; status: number }> {
  let problem = emailProblem(email);
  if (!problem && findUserByEmail(ctx.db, email)) problem = `${email} already has an account. Nobody was invited.`;
  if (!problem && ctx.config.auth.signup === "closed")
    problem = "New accounts are closed on this box (auth.signup is closed). Nobody was invited.";
  if (problem) return { state: { values: { email }, errors: { email: problem } }, status: 422 };
  try {
    const outcome = await sendInvite(ctx, me, email);
    return { state: { values: {}, errors: {}, ok: describeMailOutcome(outcome, email) }, status: 200 };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    ctx.log.error(`settings: invitation to ${email} failed: ${reason}`);
    return {
      state: {
        values: { email },
        errors: {},
        message: `The invitation to ${email} could not be sent (${reason}). Check the SMTP settings and try again.`,
      },
      status: 502,
    };
  }
}

/** /settings/users: admins list users, change roles, invite people by email and withdraw open invitations. */
export function usersRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/settings/users", ({ auth, set }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, auth!);
      return usersPage(ctx, auth!);
    })
    .post("/settings/users/:id/role", ({ request, params, body, set, auth }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, auth!);
      const result = changeRole(ctx, Number(params.id), readFields(body, ["role"]).role!);
      // Demoting yourself ends your access to this page, so go back to your own settings.
      const me = findUserById(ctx.db, user.id)!;
      if (me.role !== "admin") return redirect(request, "/settings");
      const state: FormState = result.ok ? { values: {}, errors: {}, ok: result.text } : { values: {}, errors: {}, message: result.text };
      set.status = result.status;
      if (isHtmx(request)) return <UsersTable users={listUsers(ctx.db)} me={me} csrf={session.csrfToken} state={state} />;
      return pageAnswer(set, result.status, usersPage(ctx, { ...auth!, user: me }, state));
    })
    .post("/settings/users/invite", async ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, auth!);
      const { state, status } = await invite(ctx, user, readFields(body, ["email"]).email!);
      return formAnswer(
        request,
        set,
        status,
        () => <InviteSection {...inviteView(ctx, user, session, state)} />,
        () => usersPage(ctx, auth!, emptyForm(), state),
      );
    })
    .post("/settings/users/invites/:id/withdraw", ({ request, params, set, auth }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, auth!);
      const done = withdrawInvite(ctx.db, Number(params.id));
      const state: FormState = done
        ? { values: {}, errors: {}, ok: "Invitation withdrawn: its link no longer works." }
        : {
            values: {},
            errors: {},
            message: "That invitation is no longer open (accepted, expired or already withdrawn). Nothing was changed.",
          };
      return formAnswer(
        request,
        set,
        done ? 200 : 404,
        () => <InviteSection {...inviteView(ctx, user, session, state)} />,
        () => usersPage(ctx, auth!, emptyForm(), state),
      );
    });
}
