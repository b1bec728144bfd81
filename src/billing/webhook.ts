import type Stripe from "stripe";
import type { AppContext } from "../app/context";
import { inTransaction } from "../db/client";
import type { BillingStatus } from "../db/schema/operator";
import { planForPrice } from "../operator/plans";
import { accountOwnerOf } from "../operator/seats-store";
import { type AccountRow, ensureAccount, findAccount, findAccountByCustomer, updateAccount, upsertInvoice } from "../operator/store";
import { findUserById } from "../users/store";
import { claimEvent, type EventOutcome, setEventOutcome } from "./store";
import { stripeFor } from "./stripe";

/**
 * What the webhook endpoint answers: 400 for a bad or too old signature (nothing changed); 409 for an event about a
 * customer we cannot place yet (nothing recorded, so Stripe sends it again later); else 200 with what happened.
 */
export type WebhookAnswer = { status: 400 | 409; reason: string } | { status: 200; outcome: EventOutcome | "duplicate" };

// Thrown inside the transaction so the event's id is not claimed and a later delivery applies it.
class NotYetKnown extends Error {}

/** Verifies the Stripe-Signature header (signing secret, timestamp within stripe.webhook_tolerance_seconds), then applies the event once. */
export async function receiveWebhook(ctx: AppContext, payload: string, signature: string | null): Promise<WebhookAnswer> {
  const s = ctx.config.stripe;
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("no Stripe-Signature header");
    // Stripe's check refuses old timestamps only; one far in the future would keep a captured delivery replayable.
    const t = Number(/(?:^|,)t=(\d+)/.exec(signature)?.[1]);
    if (Number.isFinite(t) && t * 1000 > ctx.clock.now().getTime() + s.webhook_tolerance_seconds * 1000)
      throw new Error("Timestamp is in the future");
    event = await stripeFor(ctx).webhooks.constructEventAsync(
      payload,
      signature,
      s.webhook_secret,
      s.webhook_tolerance_seconds,
      undefined,
      ctx.clock.now().getTime(),
    );
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    ctx.log.warn(`billing: webhook refused: ${reason}`);
    return { status: 400, reason };
  }
  const shape = eventShapeProblem(event);
  if (shape) {
    ctx.log.warn(`billing: webhook refused: ${shape}`);
    return { status: 400, reason: shape };
  }
  try {
    return { status: 200, outcome: applyEvent(ctx, event) };
  } catch (e) {
    if (!(e instanceof NotYetKnown)) throw e;
    ctx.log.warn(`billing: ${event.type} ${event.id} is about a customer not linked to an account yet; Stripe will send it again`);
    return { status: 409, reason: "customer not known yet" };
  }
}

/** Why a signed event cannot be an event at all (no id, type, time or object), or undefined when it has the shape. */
function eventShapeProblem(event: unknown): string | undefined {
  const e = event as Partial<Stripe.Event> | null;
  if (!e || typeof e !== "object") return "the event is not an object";
  if (typeof e.id !== "string" || e.id === "") return "the event has no id";
  if (typeof e.type !== "string" || (e.type as string) === "") return "the event has no type";
  if (typeof e.created !== "number") return "the event has no created time";
  if (!e.data || typeof e.data !== "object" || !e.data.object || typeof e.data.object !== "object") return "the event has no data.object";
  return undefined;
}

/**
 * Applies a verified event exactly once (its id is claimed in the same transaction). Events may come in any order:
 * each account keeps the `created` time of the newest event applied to its state, and an older one only links ids.
 */
export function applyEvent(ctx: AppContext, event: Stripe.Event): EventOutcome | "duplicate" {
  return inTransaction(ctx.db, () => {
    if (!claimEvent(ctx.db, event.id, event.type, ctx.clock.now())) return "duplicate";
    const outcome = dispatch(ctx, event);
    setEventOutcome(ctx.db, event.id, outcome);
    ctx.log.info(`billing: ${event.type} ${event.id}: ${outcome}`);
    return outcome;
  });
}

function dispatch(ctx: AppContext, event: Stripe.Event): EventOutcome {
  switch (event.type) {
    case "checkout.session.completed":
      return checkoutCompleted(ctx, event.data.object, event.created);
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return subscriptionChanged(ctx, event.data.object, event.created, event.type === "customer.subscription.deleted");
    case "invoice.paid":
    case "invoice.payment_failed":
      return invoiceSettled(ctx, event.data.object, event.created, event.type === "invoice.paid");
    default:
      return "ignored";
  }
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

/**
 * The account an object belongs to: by its customer id, else by the user id we put in its metadata at checkout.
 * A user id naming a member (who joined after paying, or a forged one) means their owner's account: billing is the owner's.
 */
function accountOf(ctx: AppContext, customer: string | null, userRef: string | null | undefined): AccountRow | undefined {
  const byCustomer = customer ? findAccountByCustomer(ctx.db, customer) : undefined;
  if (byCustomer) return byCustomer;
  const user = userRef && /^\d+$/.test(userRef) ? findUserById(ctx.db, Number(userRef)) : undefined;
  if (!user) return undefined;
  const ownerId = accountOwnerOf(ctx.db, user.id);
  const account = ensureAccount(ctx.db, ownerId, ctx.config.operator.default_plan, ctx.clock.now());
  if (customer && !account.stripeCustomerId) updateAccount(ctx.db, ownerId, { stripeCustomerId: customer });
  return findAccount(ctx.db, ownerId);
}

function checkoutCompleted(ctx: AppContext, session: Stripe.Checkout.Session, created: number): EventOutcome {
  const account = accountOf(ctx, idOf(session.customer), session.client_reference_id ?? session.metadata?.user_id);
  if (!account) return "ignored";
  const subscription = idOf(session.subscription);
  // Ids are facts, not state: they are linked whatever the order.
  if (subscription && !account.stripeSubscriptionId) updateAccount(ctx.db, account.userId, { stripeSubscriptionId: subscription });
  if (created < account.billingVersion) return "stale";
  const planId = session.metadata?.plan_id;
  const plan = ctx.config.operator.plans.find((p) => p.id === planId);
  updateAccount(ctx.db, account.userId, {
    ...(plan ? { planId: plan.id } : {}),
    ...(subscription ? { stripeSubscriptionId: subscription } : {}),
    // Paid at checkout: active until the subscription's own events say otherwise.
    ...(account.status === "none" || account.status === "canceled" ? { status: "active" as const, pastDueSince: null } : {}),
    billingVersion: created,
  });
  return "applied";
}

function subscriptionChanged(ctx: AppContext, sub: Stripe.Subscription, created: number, deleted: boolean): EventOutcome {
  const account = accountOf(ctx, idOf(sub.customer), sub.metadata?.user_id);
  if (!account) throw new NotYetKnown();
  // The end of a subscription the account has already replaced says nothing about the account.
  if (deleted && account.stripeSubscriptionId && account.stripeSubscriptionId !== sub.id) return "stale";
  if (created < account.billingVersion) return "stale";
  const status: BillingStatus = deleted ? "canceled" : (sub.status as BillingStatus);
  const price = sub.items?.data?.[0]?.price?.id;
  const plan = price ? planForPrice(ctx.config, price)?.plan : undefined;
  updateAccount(ctx.db, account.userId, {
    status,
    stripeSubscriptionId: sub.id,
    ...(plan ? { planId: plan.id } : {}),
    pastDueSince: status === "past_due" ? (account.status === "past_due" ? account.pastDueSince : new Date(created * 1000)) : null,
    billingVersion: created,
  });
  return "applied";
}

function invoiceSettled(ctx: AppContext, invoice: Stripe.Invoice, created: number, paid: boolean): EventOutcome {
  const account = accountOf(ctx, idOf(invoice.customer), invoice.parent?.subscription_details?.metadata?.user_id);
  if (!invoice.id) return "ignored";
  if (!account) throw new NotYetKnown();
  upsertInvoice(ctx.db, {
    id: invoice.id,
    userId: account.userId,
    number: invoice.number ?? null,
    status: paid ? "paid" : (invoice.status ?? "open"),
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    createdAt: new Date(invoice.created * 1000),
  });
  if (created < account.billingVersion) return "stale";
  if (paid && (account.status === "past_due" || account.status === "unpaid")) {
    updateAccount(ctx.db, account.userId, { status: "active", pastDueSince: null, billingVersion: created });
  } else if (!paid && (account.status === "active" || account.status === "trialing" || account.status === "none")) {
    updateAccount(ctx.db, account.userId, { status: "past_due", pastDueSince: new Date(created * 1000), billingVersion: created });
  } else {
    updateAccount(ctx.db, account.userId, { billingVersion: created });
  }
  return "applied";
}
