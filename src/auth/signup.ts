import type { AppContext } from "../app/context";
import { consumeLink, createLink, type LinkProblem } from "../links/store";
import { planFor } from "../operator/plans";
import { insertSignupAccount } from "../operator/store";
import { createUser, findUserByEmail, normalizeEmail, type UserRow } from "../users/store";
import { accountExistsMessage, signupMessage } from "./mail";
import { hashPassword } from "./passwords";
import { countLinksForSubject, countLinksFromAddress } from "./signup-store";
import { accountErrors, type FormFields } from "./validate";

/** The link purpose of sign-up confirmation links. */
export const SIGNUP_PURPOSE = "signup";

/** Confirmation mails sent to one email address within one link lifetime, at most. */
export const MAX_SIGNUP_MAILS = 3;

/** Sign-ups asked for from one client address within an hour, at most. */
export const MAX_SIGNUPS_PER_ADDRESS = 10;

/** Whether /signup is open: operator mode with auth.signup "open". */
export function signupOpen(ctx: AppContext): boolean {
  return ctx.config.operator.enabled && ctx.config.auth.signup === "open";
}

/** The sign-up form's checks: the account fields, the terms box, throwaway mail domains and the chosen plan. */
export function signupErrors(ctx: AppContext, f: FormFields): Record<string, string> {
  const errors = accountErrors(f);
  if (f.terms !== "yes") errors.terms = "Accept the terms of service to create an account.";
  const domain = (f.email ?? "").split("@").pop()?.toLowerCase() ?? "";
  if (!errors.email && ctx.config.operator.disposable_domains.some((d) => d.toLowerCase() === domain))
    errors.email = `Addresses at ${domain} are throwaway addresses and are not accepted here. Use an address you keep.`;
  if (f.plan && !ctx.config.operator.plans.some((p) => p.id === f.plan))
    errors.plan = "That plan does not exist; pick one on the pricing page.";
  return errors;
}

/** What asking for a sign-up link gave: sent (or quietly not, to an address asked too often), or refused for this client. */
export type SignupRequest = { ok: true } | { ok: false; message: string };

/**
 * Makes a confirmation link holding the new account's details (the password only as its hash) and mails it. An
 * address that already has an account gets a "you already have an account" mail instead, so the form never tells.
 * At most MAX_SIGNUP_MAILS per email address per link lifetime and MAX_SIGNUPS_PER_ADDRESS per client address an hour.
 */
export async function requestSignup(ctx: AppContext, f: FormFields, clientAddress: string): Promise<SignupRequest> {
  const now = ctx.clock.now();
  const email = normalizeEmail(f.email!);
  if (countLinksFromAddress(ctx.db, SIGNUP_PURPOSE, clientAddress, new Date(now.getTime() - 3_600_000)) >= MAX_SIGNUPS_PER_ADDRESS)
    return { ok: false, message: "Too many sign-ups from your network in the last hour. Try again later." };
  const ttlMs = ctx.config.auth.reset_link_minutes * 60_000;
  if (countLinksForSubject(ctx.db, SIGNUP_PURPOSE, email, new Date(now.getTime() - ttlMs)) >= MAX_SIGNUP_MAILS) {
    ctx.log.warn(
      `auth: sign-up mail to ${email} not sent: ${MAX_SIGNUP_MAILS} already sent within ${ctx.config.auth.reset_link_minutes} minutes`,
    );
    return { ok: true };
  }
  const existing = findUserByEmail(ctx.db, email);
  const passwordHash = existing ? "" : await hashPassword(f.password!);
  const planId = planFor(ctx.config, f.plan || ctx.config.operator.default_plan).id;
  const data = {
    name: f.name!,
    timezone: f.timezone!,
    passwordHash,
    planId,
    termsVersion: ctx.config.operator.terms_version,
    termsAcceptedAt: now.getTime(),
    address: clientAddress,
  };
  const { token } = createLink(ctx.db, { purpose: SIGNUP_PURPOSE, userId: null, subject: email, data, ttlMs }, now);
  const outcome = await ctx.mailer.send(existing ? accountExistsMessage(ctx, email) : signupMessage(ctx, email, f.name!, token));
  ctx.log.info(`auth: sign-up ${existing ? "notice (account exists)" : "confirmation"} for ${email} sent via ${outcome.via}`);
  return { ok: true };
}

/** Finishing a sign-up: the new user, a link that cannot be used, or an address that got an account meanwhile. */
export type SignupResult = { user: UserRow } | { problem: LinkProblem } | { taken: string };

/** Uses a confirmation link once: creates the user and their account on the chosen plan with the terms acceptance recorded. */
export function finishSignup(ctx: AppContext, token: string): SignupResult {
  const now = ctx.clock.now();
  const used = consumeLink(ctx.db, token, SIGNUP_PURPOSE, now);
  if ("problem" in used) return used;
  const email = used.link.subject;
  const d = used.link.data as {
    name: string;
    timezone: string;
    passwordHash: string;
    planId: string;
    termsVersion: string;
    termsAcceptedAt: number;
  };
  if (!d.passwordHash || findUserByEmail(ctx.db, email)) return { taken: email };
  const user = createUser(ctx.db, { name: d.name, email, passwordHash: d.passwordHash, role: "member", timezone: d.timezone }, now);
  insertSignupAccount(
    ctx.db,
    { userId: user.id, planId: d.planId, termsVersion: d.termsVersion, termsAcceptedAt: new Date(d.termsAcceptedAt) },
    now,
  );
  ctx.log.info(`auth: user ${user.id} signed up and confirmed their email (plan ${d.planId}, terms ${d.termsVersion})`);
  return { user };
}
