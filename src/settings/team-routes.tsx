import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sendInvite } from "../auth/invite-routes";
import { describeMailOutcome } from "../auth/mail";
import { pageAnswer } from "../auth/respond";
import { emailProblem, readFields } from "../auth/validate";
import { redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { quotaCheck, usageSummary } from "../operator/quota";
import { accountOwnerOf, listMembers, listPendingSeats, removeMember, withdrawSeatInvite } from "../operator/seats-store";
import { findUserByEmail, findUserById } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { TeamPage } from "../../views/settings/team";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

function teamPage(ctx: AppContext, auth: NonNullable<Auth>, state: FormState = emptyForm(), upgradeUrl?: string) {
  const { user: me, session, unread } = auth;
  const ownerId = accountOwnerOf(ctx.db, me.id);
  const summary = usageSummary(ctx, me.id);
  const seats = summary.rows.find((r) => r.kind === "seats")!;
  return (
    <TeamPage
      me={me}
      csrf={session.csrfToken}
      unread={unread}
      planName={summary.plan.name}
      seatsUsed={seats.used}
      seatsLimit={seats.limit}
      members={listMembers(ctx.db, ownerId)}
      pending={listPendingSeats(ctx.db, ownerId, ctx.clock.now())}
      state={state}
      upgradeUrl={upgradeUrl}
      ownerName={ownerId === me.id ? undefined : (findUserById(ctx.db, ownerId)?.name ?? "another person")}
    />
  );
}

const said = (text: string, ok: boolean): FormState =>
  ok ? { values: {}, errors: {}, ok: text } : { values: {}, errors: {}, message: text };

/** Checks the address and the seat quota, then sends an invitation into the owner's account. */
async function inviteMember(ctx: AppContext, set: SetLike, auth: NonNullable<Auth>, email: string) {
  const me = auth.user;
  let problem = emailProblem(email);
  if (!problem && findUserByEmail(ctx.db, email)) problem = `${email} already has an account. Nobody was invited.`;
  if (problem) return pageAnswer(set, 422, teamPage(ctx, auth, { values: { email }, errors: { email: problem } }));
  // The N+1th seat (owner, members and open invitations) is refused here and again when the link is used.
  const seat = quotaCheck(ctx, me.id, "seats");
  if (!seat.allowed)
    return pageAnswer(set, 403, teamPage(ctx, auth, { values: { email }, errors: {}, message: seat.message }, seat.upgradeUrl));
  try {
    const outcome = await sendInvite(ctx, me, email, me.id);
    return teamPage(ctx, auth, said(describeMailOutcome(outcome, email), true));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    ctx.log.error(`settings: team invitation to ${email} failed: ${reason}`);
    return pageAnswer(
      set,
      502,
      teamPage(ctx, auth, said(`The invitation to ${email} could not be sent (${reason}). Try again later.`, false)),
    );
  }
}

/**
 * /settings/team (operator mode only): an account's owner invites people into their account, each taking a seat of
 * the plan, withdraws open invitations and removes members (freeing their seats). Admins use /settings/users.
 */
export function teamRoutes(ctx: AppContext) {
  if (!ctx.config.operator.enabled) return new Elysia();
  return new Elysia()
    .use(sessionPlugin(ctx))
    .onBeforeHandle(({ auth, request }) => {
      if (auth?.user.role === "admin") return redirect(request, "/settings/users");
    })
    .get("/settings/team", ({ auth }) => teamPage(ctx, auth!))
    .post("/settings/team/invite", async ({ auth, body, set }) => {
      if (accountOwnerOf(ctx.db, auth!.user.id) !== auth!.user.id)
        return pageAnswer(set, 403, teamPage(ctx, auth!, said("Only the account's owner invites people. Nobody was invited.", false)));
      return inviteMember(ctx, set, auth!, readFields(body, ["email"]).email!);
    })
    .post("/settings/team/invites/:id/withdraw", ({ auth, params, set }) => {
      const done = withdrawSeatInvite(ctx.db, auth!.user.id, Number(params.id));
      set.status = done ? 200 : 404;
      return teamPage(
        ctx,
        auth!,
        done
          ? said("Invitation withdrawn: its link no longer works and its seat is free.", true)
          : said("That invitation is no longer open (accepted, expired or already withdrawn). Nothing was changed.", false),
      );
    })
    .post("/settings/team/members/:id/remove", ({ auth, params, set }) => {
      const member = findUserById(ctx.db, Number(params.id));
      const done = member !== undefined && removeMember(ctx.db, auth!.user.id, member.id);
      if (done) ctx.log.info(`settings: user ${auth!.user.id} removed member ${member!.id} from their account`);
      set.status = done ? 200 : 404;
      return teamPage(
        ctx,
        auth!,
        done
          ? said(`${member!.email} was removed from your account; their seat is free.`, true)
          : said("That person is not a member of your account. Nothing was changed.", false),
      );
    });
}
