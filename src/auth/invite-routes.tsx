import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { consumeLink, createLink, peekLink, type LinkProblem, type LinkRow } from "../links/store";
import type { MailOutcome } from "../notify/mail";
import { type QuotaAnswer, seatForInvitee } from "../operator/quota";
import { joinAccount } from "../operator/seats-store";
import { withdrawInvitesFor } from "../users/invites-store";
import { createUser, findUserByEmail, type UserRow } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { AcceptInviteForm, AcceptInvitePage } from "../../views/auth/invite";
import { LinkProblemPage } from "../../views/auth/link-problem";
import { inviteMessage } from "./mail";
import { hashPassword, passwordProblem } from "./passwords";
import { formAnswer, pageAnswer } from "./respond";
import { signIn } from "./routes";
import { fieldErrors, nameProblem, readFields, timeZoneProblem } from "./validate";

/** The link purpose of invitation links. */
export const INVITE_PURPOSE = "invite";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

const INVITE_PROBLEMS: Record<LinkProblem, string> = {
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  used: "This invitation has already been used. If that was you, sign in. Nothing was changed.",
  unknown:
    "This invitation link is not valid: it may have been copied incompletely, or it was withdrawn or replaced by a newer one. Nothing was changed.",
  wrong_purpose: "This is not an invitation link. Nothing was changed.",
};

function badLink(set: SetLike, problem: LinkProblem | "taken", email = "") {
  const message =
    problem === "taken"
      ? `An account for ${email} already exists, so this invitation is no longer needed. Sign in instead.`
      : INVITE_PROBLEMS[problem];
  const status = problem === "taken" ? 409 : problem === "unknown" || problem === "wrong_purpose" ? 404 : 410;
  return pageAnswer(
    set,
    status,
    <LinkProblemPage title="This invitation cannot be used" message={message} next={{ href: "/login", label: "Go to sign in" }} />,
  );
}

// The account the invitation leads to has no free seat (its plan was lowered or members were added since).
function fullAccount(set: SetLike, seat: Extract<QuotaAnswer, { allowed: false }>) {
  return pageAnswer(
    set,
    403,
    <LinkProblemPage
      title="This invitation cannot be used yet"
      message={`The account you were invited to is full. ${seat.message} Nothing was changed: the invitation still works once a seat is free.`}
      next={{ href: seat.upgradeUrl, label: "See plans and billing" }}
    />,
  );
}

/**
 * Creates an invitation for an email and mails its link; the caller shows where the mail went. With `accountOwnerId`
 * (operator mode's team page) the person joins that owner's account and takes one of its seats.
 */
export async function sendInvite(
  ctx: AppContext,
  inviter: Pick<UserRow, "id" | "name">,
  email: string,
  accountOwnerId?: number,
): Promise<MailOutcome> {
  const ttlMs = ctx.config.auth.invite_link_days * 86_400_000;
  // Only the newest invitation for an address works, so an old forwarded email cannot be used later.
  withdrawInvitesFor(ctx.db, email.trim().toLowerCase());
  const data = { inviterId: inviter.id, inviterName: inviter.name, ...(accountOwnerId ? { accountOwnerId } : {}) };
  const { token } = createLink(
    ctx.db,
    { purpose: INVITE_PURPOSE, userId: null, subject: email.trim().toLowerCase(), data, ttlMs },
    ctx.clock.now(),
  );
  const outcome = await ctx.mailer.send(inviteMessage(ctx, email, inviter.name, token));
  ctx.log.info(`auth: user ${inviter.id} sent an invitation via ${outcome.via}`);
  return outcome;
}

function inviterName(link: LinkRow): string {
  const name = link.data.inviterName;
  return typeof name === "string" && name ? name : "An administrator";
}

/** /invite/<token>: shows the join form on GET, creates the member and signs them in on POST. */
export function inviteRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/invite/:token", ({ params, set, auth }) => {
      const found = peekLink(ctx.db, params.token, INVITE_PURPOSE, ctx.clock.now());
      if ("problem" in found) return badLink(set, found.problem);
      if (findUserByEmail(ctx.db, found.link.subject)) return badLink(set, "taken", found.link.subject);
      return (
        <AcceptInvitePage
          token={params.token}
          email={found.link.subject}
          inviter={inviterName(found.link)}
          state={emptyForm()}
          csrf={auth?.session.csrfToken}
        />
      );
    })
    .post("/invite/:token", async ({ request, params, body, set, auth }) => {
      const peek = peekLink(ctx.db, params.token, INVITE_PURPOSE, ctx.clock.now());
      if ("problem" in peek) return badLink(set, peek.problem);
      const email = peek.link.subject;
      if (findUserByEmail(ctx.db, email)) return badLink(set, "taken", email);
      const f = readFields(body, ["name", "password", "timezone"]);
      const errors = fieldErrors({
        name: nameProblem(f.name!),
        password: passwordProblem(f.password!),
        timezone: timeZoneProblem(f.timezone!),
      });
      if (Object.keys(errors).length > 0) {
        const state: FormState = { values: f, errors, message: "Please correct the marked fields." };
        const csrf = auth?.session.csrfToken;
        const page = () => (
          <AcceptInvitePage token={params.token} email={email} inviter={inviterName(peek.link)} state={state} csrf={csrf} />
        );
        return formAnswer(request, set, 422, () => <AcceptInviteForm token={params.token} email={email} state={state} csrf={csrf} />, page);
      }
      const owner = typeof peek.link.data.accountOwnerId === "number" ? peek.link.data.accountOwnerId : undefined;
      const seat = owner === undefined ? undefined : seatForInvitee(ctx, owner, peek.link.id);
      if (seat && !seat.allowed) return fullAccount(set, seat);
      const passwordHash = await hashPassword(f.password!);
      const used = consumeLink(ctx.db, params.token, INVITE_PURPOSE, ctx.clock.now());
      if ("problem" in used) return badLink(set, used.problem);
      if (findUserByEmail(ctx.db, email)) return badLink(set, "taken", email);
      const user = createUser(ctx.db, { name: f.name!, email, passwordHash, role: "member", timezone: f.timezone! }, ctx.clock.now());
      if (owner !== undefined) joinAccount(ctx.db, user.id, owner);
      ctx.log.info(`auth: invitation accepted, new member user ${user.id}`);
      return signIn(ctx, request, user.id);
    });
}
