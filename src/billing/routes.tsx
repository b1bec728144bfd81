import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import type { Auth } from "../http/session";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { usageSummary } from "../operator/quota";
import { listInvoices } from "../operator/store";
import { BillingPage } from "../../views/billing/page";
import { BillingError, ownerOnlyRefusal, startCheckout, startPortal } from "./checkout";
import { billingConfigured } from "./stripe";
import { receiveWebhook } from "./webhook";

const NOTICES: Record<string, string> = {
  done: "Thank you: your payment went through. The plan changes as soon as Stripe confirms it (usually seconds).",
  cancelled: "Checkout was cancelled; nothing changed.",
};

/** /billing (plan, use, invoices), Checkout and portal redirects, and Stripe's webhook; mounted only in operator mode. */
export function billingRoutes(ctx: AppContext) {
  if (!ctx.config.operator.enabled) return new Elysia();
  const page = (a: NonNullable<Auth>, extra: { notice?: string; error?: string } = {}) => {
    const s = usageSummary(ctx, a.user.id);
    const memberOf = ownerOnlyRefusal(ctx, a.user.id);
    return (
      <BillingPage
        user={a.user}
        csrf={a.session.csrfToken}
        unread={a.unread}
        plan={s.plan}
        status={s.account?.status ?? "none"}
        banner={a.user.billingBanner ? undefined : s.standing.banner}
        rows={s.rows}
        plans={ctx.config.operator.plans}
        currency={ctx.config.operator.currency}
        configured={billingConfigured(ctx)}
        hasCustomer={Boolean(s.account?.stripeCustomerId)}
        invoices={memberOf ? [] : listInvoices(ctx.db, s.ownerId)}
        ownerOnly={memberOf}
        {...extra}
      />
    );
  };
  // Only the account's owner pays: a member gets the page with the sentence naming the owner, and nothing is asked of Stripe.
  const refuseMember = (a: NonNullable<Auth>, set: { status?: number | string }) => {
    const refusal = ownerOnlyRefusal(ctx, a.user.id);
    if (!refusal) return undefined;
    set.status = 403;
    return page(a, { error: refusal });
  };
  return new Elysia()
    .use(sessionPlugin(ctx))
    .post(
      "/billing/webhook",
      async ({ request, set }) => {
        if (!billingConfigured(ctx) || !ctx.config.stripe.webhook_secret) {
          set.status = 404;
          return "billing is not set up";
        }
        const answer = await receiveWebhook(ctx, await request.text(), request.headers.get("stripe-signature"));
        set.status = answer.status;
        return answer.status === 200 ? { received: true, outcome: answer.outcome } : { error: answer.reason };
      },
      { parse: "none" },
    )
    .get("/billing", ({ auth, query }) => page(auth!, { notice: NOTICES[String(query.checkout)] }))
    .post("/billing/checkout", async ({ auth, body, request, set }) => {
      const a = auth!;
      const refused = refuseMember(a, set);
      if (refused) return refused;
      const f = (body ?? {}) as Record<string, unknown>;
      try {
        if (!billingConfigured(ctx)) throw new BillingError("Payments are not set up on this box.");
        const url = await startCheckout(ctx, a.user.id, a.user.email, String(f.plan ?? ""), f.interval === "year");
        return redirect(request, url);
      } catch (e) {
        if (!(e instanceof BillingError)) throw e;
        set.status = 422;
        return page(a, { error: e.message });
      }
    })
    .post("/billing/portal", async ({ auth, request, set }) => {
      const a = auth!;
      const refused = refuseMember(a, set);
      if (refused) return refused;
      try {
        if (!billingConfigured(ctx)) throw new BillingError("Payments are not set up on this box.");
        return redirect(request, await startPortal(ctx, a.user.id));
      } catch (e) {
        if (!(e instanceof BillingError)) throw e;
        set.status = 422;
        return page(a, { error: e.message });
      }
    });
}
