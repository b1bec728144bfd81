import type { User } from "../../src/auth/sessions";
import type { PlanConfig } from "../../src/config/sections/operator";
import type { InvoiceRow } from "../../src/operator/store";
import { Page } from "../layout/page";
import { StandingBanner, UsageBars, type UsageBar } from "../operator/usage";

function money(cents: number, currency: string): string {
  return `${currency.toUpperCase()} ${(cents / 100).toFixed(2)}`;
}

/** /billing: the plan, its state, use, the ways to subscribe or change plan, the portal and the invoices. */
/** The subscription states as a person reads them (Stripe's words, and "none" before any payment). */
const STATUS_LABELS: Record<string, string> = {
  none: "no subscription yet",
  trialing: "trial",
  active: "active",
  past_due: "payment overdue",
  unpaid: "unpaid",
  canceled: "canceled",
  incomplete: "waiting for the first payment",
  incomplete_expired: "first payment not made",
  paused: "paused",
};

export function BillingPage(props: {
  user: User;
  csrf: string;
  unread: number;
  plan: PlanConfig;
  status: string;
  banner?: string;
  notice?: string;
  error?: string;
  rows: UsageBar[];
  plans: PlanConfig[];
  currency: string;
  configured: boolean;
  hasCustomer: boolean;
  invoices: InvoiceRow[];
  /** For a member of someone else's account: the sentence naming the owner, who alone changes the plan and pays. */
  ownerOnly?: string;
}): JSX.Element {
  return (
    <Page title="Plan and billing" user={props.user} csrf={props.csrf} unread={props.unread} active="settings">
      <>
        <StandingBanner banner={props.banner} />
        {props.error ? (
          <div class="notice notice-error" role="alert" safe>
            {props.error}
          </div>
        ) : (
          ""
        )}
        {props.notice ? (
          <div class="notice notice-ok" role="status" safe>
            {props.notice}
          </div>
        ) : (
          ""
        )}
        <section class="card stack">
          <h2>Your plan</h2>
          <p>
            <strong safe>{props.plan.name}</strong> <span class="muted" safe>{`(${STATUS_LABELS[props.status] ?? props.status})`}</span>
          </p>
          <UsageBars rows={props.rows} />
        </section>
        <section class="card stack">
          <h2>Change plan</h2>
          {props.ownerOnly ? (
            <p safe>{props.ownerOnly}</p>
          ) : props.configured ? (
            <ul class="flush stack">
              {props.plans.map((p) => (
                <li>
                  <form method="post" action="/billing/checkout" class="inline">
                    <input type="hidden" name="_csrf" value={props.csrf} />
                    <input type="hidden" name="plan" value={p.id} />
                    <span
                      safe
                    >{`${p.name}: ${props.currency} ${p.price_month} a month${p.price_year > 0 ? ` or ${props.currency} ${p.price_year} a year` : ""}`}</span>{" "}
                    {p.stripe_price_month ? (
                      <button type="submit" name="interval" value="month" class="small">
                        Monthly
                      </button>
                    ) : (
                      ""
                    )}{" "}
                    {p.stripe_price_year ? (
                      <button type="submit" name="interval" value="year" class="small">
                        Yearly
                      </button>
                    ) : (
                      ""
                    )}
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Payments are not set up on this box; ask the operator to change your plan.</p>
          )}
          {props.hasCustomer && !props.ownerOnly ? (
            <form method="post" action="/billing/portal">
              <input type="hidden" name="_csrf" value={props.csrf} />
              <button type="submit" class="secondary">
                Manage cards, invoices and cancelling
              </button>
            </form>
          ) : (
            ""
          )}
        </section>
        <section class="card stack">
          <h2>Invoices</h2>
          {props.ownerOnly ? (
            <p class="muted">Invoices go to the account owner.</p>
          ) : props.invoices.length === 0 ? (
            <p class="muted">No invoices yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Number</th>
                  <th scope="col">Amount</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {props.invoices.map((i) => (
                  <tr>
                    <td safe>{i.createdAt.toISOString().slice(0, 10)}</td>
                    <td>
                      {i.hostedInvoiceUrl ? (
                        <a href={i.hostedInvoiceUrl} safe>
                          {i.number ?? i.id}
                        </a>
                      ) : (
                        <span safe>{i.number ?? i.id}</span>
                      )}
                    </td>
                    <td safe>{money(i.status === "paid" ? i.amountPaid : i.amountDue, i.currency)}</td>
                    <td safe>{i.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </>
    </Page>
  );
}
