import type { AppContext } from "../app/context";
import { accountOwnerOf } from "../operator/seats-store";
import { ensureAccount, findAccount } from "../operator/store";
import { findUserById } from "../users/store";
import { stripeFor } from "./stripe";

/** A Stripe call that failed, with the sentence for the person. */
export class BillingError extends Error {}

/**
 * The sentence for a member of someone else's account, who may not subscribe, change the plan or open the portal
 * (the account and its payments are the owner's); undefined for the owner, who may.
 */
export function ownerOnlyRefusal(ctx: AppContext, userId: number): string | undefined {
  const ownerId = accountOwnerOf(ctx.db, userId);
  if (ownerId === userId) return undefined;
  const owner = findUserById(ctx.db, ownerId);
  const who = owner ? ` (${owner.name}, ${owner.email})` : "";
  return `Ask the account owner${who} to change the plan or the payment details: the account and its payments are theirs.`;
}

function describe(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return `Stripe refused the request (${m}). Nothing was charged; try again, or tell the operator if it keeps happening.`;
}

/**
 * A Checkout Session to subscribe to (or change to) a plan, monthly or yearly; returns the URL to send the person to.
 * The session and the subscription carry the user id and plan, so webhooks find the account whatever order they come in.
 */
export async function startCheckout(ctx: AppContext, userId: number, email: string, planId: string, yearly: boolean): Promise<string> {
  const plan = ctx.config.operator.plans.find((p) => p.id === planId);
  const price = plan && (yearly ? plan.stripe_price_year : plan.stripe_price_month);
  if (!plan || !price) throw new BillingError(`The ${plan?.name ?? planId} plan cannot be bought ${yearly ? "yearly" : "monthly"} here.`);
  const account = findAccount(ctx.db, userId) ?? ensureAccount(ctx.db, userId, ctx.config.operator.default_plan, ctx.clock.now());
  const base = ctx.config.server.public_base_url;
  const metadata = { user_id: String(userId), plan_id: plan.id };
  try {
    const session = await stripeFor(ctx).checkout.sessions.create({
      mode: "subscription",
      line_items: [{ price, quantity: 1 }],
      client_reference_id: String(userId),
      ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : { customer_email: email }),
      metadata,
      subscription_data: { metadata },
      success_url: `${base}/billing?checkout=done`,
      cancel_url: `${base}/billing?checkout=cancelled`,
    });
    if (!session.url) throw new Error("no checkout URL in the answer");
    return session.url;
  } catch (e) {
    ctx.log.warn(`billing: checkout for user ${userId} (plan ${plan.id}) failed: ${e instanceof Error ? e.message : e}`);
    throw new BillingError(describe(e));
  }
}

/** A customer portal session (cards, invoices, cancelling); returns its URL. */
export async function startPortal(ctx: AppContext, userId: number): Promise<string> {
  const customer = findAccount(ctx.db, userId)?.stripeCustomerId;
  if (!customer) throw new BillingError("There is no payment account yet: subscribe to a plan first.");
  try {
    const session = await stripeFor(ctx).billingPortal.sessions.create({
      customer,
      return_url: `${ctx.config.server.public_base_url}/billing`,
    });
    return session.url;
  } catch (e) {
    ctx.log.warn(`billing: portal for user ${userId} failed: ${e instanceof Error ? e.message : e}`);
    throw new BillingError(describe(e));
  }
}
