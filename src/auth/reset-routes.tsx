import { Elysia } from "elysia";
import { revokeAllApiTokens } from "../api/tokens";
import type { AppContext } from "../app/context";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { consumeLink, createLink, describeLinkProblem, peekLink, type LinkProblem } from "../links/store";
import { findUserByEmail, findUserById, updateUser } from "../users/store";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { LinkProblemPage } from "../../views/auth/link-problem";
import {
  NewPasswordForm,
  NewPasswordPage,
  ResetRequestForm,
  ResetRequestPage,
  ResetSentNotice,
  ResetSentPage,
} from "../../views/auth/reset";
import { setupOpen } from "./first-run";
import { outboxDir, resetMessage } from "./mail";
import { countLinksSince } from "./reset-store";
import { hashPassword, passwordProblem } from "./passwords";
import { formAnswer, pageAnswer } from "./respond";
import { invalidateUserSessions } from "./sessions";
import { clearLoginFailures } from "./throttle";
import { emailProblem, readFields } from "./validate";

/** The link purpose of password reset links. */
export const RESET_PURPOSE = "reset";

/** Reset mails sent to one account within one link lifetime, at most. */
export const MAX_RESET_MAILS = 3;

function badLink(set: { status?: number | string; headers: Record<string, unknown> }, problem: LinkProblem) {
  const page = (
    <LinkProblemPage
      title="This reset link cannot be used"
      message={describeLinkProblem(problem)}
      next={{ href: "/reset", label: "Ask for a new reset link" }}
    />
  );
  return pageAnswer(set, problem === "unknown" || problem === "wrong_purpose" ? 404 : 410, page);
}

/** Creates a reset link for the account (if it exists) and mails it; never tells the caller whether it existed. */
export async function sendResetLink(ctx: AppContext, email: string): Promise<void> {
  const user = findUserByEmail(ctx.db, email);
  if (!user) return;
  const ttlMs = ctx.config.auth.reset_link_minutes * 60_000;
  const now = ctx.clock.now();
  // Anyone can ask, so cap the mails per account: the form must not become a way to flood someone's inbox.
  if (countLinksSince(ctx.db, RESET_PURPOSE, user.id, new Date(now.getTime() - ttlMs)) >= MAX_RESET_MAILS) {
    ctx.log.warn(
      `auth: password reset for user ${user.id} not sent: ${MAX_RESET_MAILS} links already sent within ${ctx.config.auth.reset_link_minutes} minutes`,
    );
    return;
  }
  const { token } = createLink(ctx.db, { purpose: RESET_PURPOSE, userId: user.id, subject: user.email, ttlMs }, now);
  const outcome = await ctx.mailer.send(resetMessage(ctx, user.email, user.name, token));
  ctx.log.info(`auth: password reset link for user ${user.id} sent via ${outcome.via}`);
}

/** /reset (ask for a link) and /reset/<token> (show the form on GET, set the password on POST). */
export function resetRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/reset", ({ request, auth }) =>
      setupOpen(ctx) ? redirect(request, "/setup") : <ResetRequestPage state={emptyForm()} csrf={auth?.session.csrfToken} />,
    )
    .post("/reset", ({ request, body, set, auth }) => {
      const csrf = auth?.session.csrfToken;
      const f = readFields(body, ["email"]);
      const problem = emailProblem(f.email!);
      if (problem) {
        const state: FormState = { values: f, errors: { email: problem } };
        return formAnswer(
          request,
          set,
          422,
          () => <ResetRequestForm state={state} csrf={csrf} />,
          () => <ResetRequestPage state={state} csrf={csrf} />,
        );
      }
      // Not awaited: how long sending takes must not reveal whether the account exists.
      sendResetLink(ctx, f.email!).catch((e) =>
        ctx.log.error(`auth: cannot send password reset mail: ${e instanceof Error ? e.message : e}`),
      );
      const outbox = ctx.mailer.delivers ? undefined : outboxDir(ctx);
      if (isHtmx(request)) return <ResetSentNotice email={f.email!} minutes={ctx.config.auth.reset_link_minutes} outbox={outbox} />;
      return <ResetSentPage email={f.email!} minutes={ctx.config.auth.reset_link_minutes} outbox={outbox} />;
    })
    .get("/reset/:token", ({ params, set, auth }) => {
      const found = peekLink(ctx.db, params.token, RESET_PURPOSE, ctx.clock.now());
      if ("problem" in found) return badLink(set, found.problem);
      return <NewPasswordPage token={params.token} email={found.link.subject} state={emptyForm()} csrf={auth?.session.csrfToken} />;
    })
    .post("/reset/:token", async ({ request, params, body, set, auth }) => {
      const csrf = auth?.session.csrfToken;
      const peek = peekLink(ctx.db, params.token, RESET_PURPOSE, ctx.clock.now());
      if ("problem" in peek) return badLink(set, peek.problem);
      const f = readFields(body, ["password"]);
      const problem = passwordProblem(f.password!);
      if (problem) {
        const state: FormState = { values: {}, errors: { password: problem } };
        const page = () => <NewPasswordPage token={params.token} email={peek.link.subject} state={state} csrf={csrf} />;
        return formAnswer(request, set, 422, () => <NewPasswordForm token={params.token} state={state} csrf={csrf} />, page);
      }
      const passwordHash = await hashPassword(f.password!);
      const used = consumeLink(ctx.db, params.token, RESET_PURPOSE, ctx.clock.now());
      if ("problem" in used) return badLink(set, used.problem);
      const user = used.link.userId !== null ? findUserById(ctx.db, used.link.userId) : undefined;
      if (!user) return badLink(set, "unknown");
      updateUser(ctx.db, user.id, { passwordHash });
      invalidateUserSessions(ctx.db, user.id);
      // Whoever made the owner need a reset may hold their API tokens too: a reset by mail revokes them all.
      const revoked = revokeAllApiTokens(ctx.db, user.id);
      // The owner proved the account is theirs: guesses made against it no longer keep them out.
      clearLoginFailures(ctx, user.email);
      ctx.log.info(`auth: user ${user.id} reset their password through an emailed link (${revoked} API tokens revoked)`);
      return redirect(request, "/login?reset=done");
    });
}
