import Stripe from "stripe";
import type { AppContext } from "../app/context";
import { productName } from "../operator/brand";

const clients = new WeakMap<AppContext, Stripe>();

/** Whether billing is set up: a Stripe secret key in the config (and operator mode on). */
export function billingConfigured(ctx: AppContext): boolean {
  return ctx.config.operator.enabled && ctx.config.stripe.secret_key !== "";
}

/** The Stripe client for this box, built once from the stripe section (its host, port and protocol are configurable). */
export function stripeFor(ctx: AppContext): Stripe {
  let client = clients.get(ctx);
  if (!client) {
    const s = ctx.config.stripe;
    client = new Stripe(s.secret_key, {
      host: s.api_host,
      port: s.api_port,
      protocol: s.api_protocol,
      maxNetworkRetries: 1,
      timeout: 20_000,
      // appInfo names the application calling Stripe (in its User-Agent): the product the operator sells.
      appInfo: { name: productName(ctx.config) },
    });
    clients.set(ctx, client);
  }
  return client;
}
