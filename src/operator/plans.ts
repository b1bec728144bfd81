import type { Config } from "../config/schema";
import { localParts, zonedTime } from "../lib/zoned-time";
import type { PlanConfig } from "../config/sections/operator";

/** The plan with this id, else the default plan, else the first: an account whose plan was removed from the config keeps working. */
export function planFor(config: Config, planId: string | undefined): PlanConfig {
  const plans = config.operator.plans;
  return plans.find((p) => p.id === planId) ?? plans.find((p) => p.id === config.operator.default_plan) ?? plans[0]!;
}

/** The plan a Stripe price id belongs to, and whether it is the yearly price. */
export function planForPrice(config: Config, priceId: string): { plan: PlanConfig; yearly: boolean } | undefined {
  for (const plan of config.operator.plans) {
    if (plan.stripe_price_month && plan.stripe_price_month === priceId) return { plan, yearly: false };
    if (plan.stripe_price_year && plan.stripe_price_year === priceId) return { plan, yearly: true };
  }
  return undefined;
}

/** The calendar month (UTC) a moment falls in, as YYYY-MM, and where it starts. */
export function monthOf(now: Date): { month: string; start: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { month: start.toISOString().slice(0, 7), start };
}

/** Where the calendar month containing `now` starts in a time zone (the AI budget's month is the account's own). */
export function zoneMonthStart(now: Date, timeZone: string): Date {
  return zonedTime(`${localParts(now, timeZone).date.slice(0, 7)}-01`, 0, 0, timeZone);
}
