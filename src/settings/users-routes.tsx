import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sendInvite } from "../auth/invite-routes";
import { describeMailOutcome } from "../auth/mail";
import { formAnswer, pageAnswer } from "../auth/respond";
import type { Session, User } from "../auth/sessions";
import { emailProblem, readFields } from "../auth/validate";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { findUserById, findUserByEmail, listUsers, setUserRole } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AdminOnlyPage, InviteForm, UsersPage, UsersTable } from "../../views/settings/users";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

function usersPage(ctx: AppContext, me: User, session: Session, table = emptyForm(), invite = emptyForm()) {
  return <UsersPage me={me} csrf={session.csrfToken} users={listUsers(ctx.db)} table={table} invite={invite} />;
}

function adminOnly(set: SetLike, me: User, session: Session) {
  return pageAnswer(set, 403, <AdminOnlyPage me={me} csrf={session.csrfToken} />);
}

/** Changes a role; returns the message to show and whether it happened. */
function changeRole(ctx: AppContext, targetId: number, role: string): { ok: boolean; text: string; status: number } {
  const target = findUserById(ctx.db, targetId);
  if (!target) return { ok: false, text: "That user does not exist (any more). Nothing was changed.", status: 404 };
  if (role !== "admin" && role !== "member") return { ok: false, text: "Choose the role admin or member.", status: 422 };
  if (!setUserRole(ctx.db, target.id, role)) return { ok: false, text: `${target.name} is the last admin, so they stay an admin. Make someone else an admin first.`, status: 409 };
  return { ok: true, text: `${target.name} is now ${role === "admin" ? "an admin" : "a member"}.`, status: 200 };
}

/** /settings/users: admins list users, change roles and invite people by email. */
export function usersRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/settings/users", ({ auth, set }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, user, session);
      return usersPage(ctx, user, session);
    })
    .post("/settings/users/:id/role", ({ request, params, body, set, auth }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, user, session);
      const result = changeRole(ctx, Number(params.id), readFields(body, ["role"]).role!);
      // Demoting yourself ends your access to this page, so go back to your own settings.
      const me = findUserById(ctx.db, user.id)!;
      if (me.role !== "admin") return redirect(request, "/settings");
      const state: FormState = result.ok ? { values: {}, errors: {}, ok: result.text } : { values: {}, errors: {}, message: result.text };
      set.status = result.status;
      if (isHtmx(request)) return <UsersTable users={listUsers(ctx.db)} me={me} csrf={session.csrfToken} state={state} />;
      return pageAnswer(set, result.status, usersPage(ctx, me, session, state));
    })
    .post("/settings/users/invite", async ({ request, body, set, auth }) => {
      const { user, session } = auth!;
      if (user.role !== "admin") return adminOnly(set, user, session);
      const f = readFields(body, ["email"]);
      let problem = emailProblem(f.email!);
      if (!problem && findUserByEmail(ctx.db, f.email!)) problem = `${f.email} already has an account. Nobody was invited.`;
      let state: FormState;
      let status = 200;
      if (problem) {
        state = { values: f, errors: { email: problem } };
        status = 422;
      } else {
        try {
          const outcome = await sendInvite(ctx, user, f.email!);
          state = { values: {}, errors: {}, ok: describeMailOutcome(outcome, f.email!) };
        } catch (e) {
          ctx.log.error(`settings: invitation to ${f.email} failed: ${e instanceof Error ? e.message : e}`);
          state = {
            values: f,
            errors: {},
            message: `The invitation to ${f.email} could not be sent: ${e instanceof Error ? e.message : e}. Check the SMTP settings and try again.`,
          };
          status = 502;
        }
      }
      return formAnswer(
        request,
        set,
        status,
        () => <InviteForm csrf={session.csrfToken} state={state} />,
        () => usersPage(ctx, user, session, emptyForm(), state),
      );
    });
}
