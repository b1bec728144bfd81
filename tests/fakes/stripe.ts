import { createHmac } from "node:crypto";
import { LocalFake } from "./local-fake";

/** One request the fake received: method, path and the form-encoded body decoded to flat keys (line_items[0][price]). */
export interface StripeCall {
  method: string;
  path: string;
  form: Record<string, string>;
  auth: string | null;
  /** The User-Agent header, which carries the client's appInfo name after the library's own. */
  userAgent: string | null;
}

/**
 * A local Stripe API speaking its wire format: form-encoded POSTs with Bearer secret keys, JSON answers, and the
 * documented error shape ({"error": {"type", "code", "message", "param"}}) for a missing key (401) and an unknown
 * price or customer (400 resource_missing). It serves Checkout Sessions and billing portal sessions, and signs
 * webhook payloads the way Stripe does (Stripe-Signature: t=<seconds>,v1=<HMAC-SHA256 of "t.payload">).
 */
export class FakeStripe extends LocalFake {
  readonly calls: StripeCall[] = [];
  readonly prices = new Set<string>();
  readonly customers = new Set<string>();
  private seq = 0;

  constructor(readonly secretKey = "sk_test_fake") {
    super();
  }

  /** The stripe config section's env keys pointing the app at this fake. */
  env(webhookSecret: string): Record<string, string> {
    const u = new URL(this.origin);
    return {
      AMARKTAI_STRIPE_SECRET_KEY: this.secretKey,
      AMARKTAI_STRIPE_WEBHOOK_SECRET: webhookSecret,
      AMARKTAI_STRIPE_API_HOST: u.hostname,
      AMARKTAI_STRIPE_API_PORT: u.port,
      AMARKTAI_STRIPE_API_PROTOCOL: "http",
    };
  }

  protected async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const form = Object.fromEntries(new URLSearchParams(await req.text()));
    const auth = req.headers.get("authorization");
    this.calls.push({ method: req.method, path: url.pathname, form, auth, userAgent: req.headers.get("user-agent") });
    if (auth !== `Bearer ${this.secretKey}`)
      return error(401, {
        type: "invalid_request_error",
        message: "Invalid API Key provided: check your key at https://dashboard.stripe.com/apikeys.",
      });
    if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") return this.checkout(form);
    if (req.method === "POST" && url.pathname === "/v1/billing_portal/sessions") {
      const customer = form.customer ?? "";
      if (!this.customers.has(customer)) return missing("customer", customer);
      const id = `bps_${++this.seq}`;
      return json({
        id,
        object: "billing_portal.session",
        customer,
        return_url: form.return_url,
        url: `https://billing.stripe.com/p/session/${id}`,
      });
    }
    return error(404, { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname}).` });
  }

  private checkout(form: Record<string, string>): Response {
    if (form.mode !== "subscription") return error(400, { type: "invalid_request_error", param: "mode", message: "Invalid mode" });
    const price = form["line_items[0][price]"] ?? "";
    if (!this.prices.has(price)) return missing("line_items[0][price]", price, "price");
    if (form.customer && !this.customers.has(form.customer)) return missing("customer", form.customer);
    for (const key of ["success_url", "cancel_url"])
      if (!form[key]) return error(400, { type: "invalid_request_error", param: key, message: `Missing required param: ${key}.` });
    const id = `cs_test_${++this.seq}`;
    return json({
      id,
      object: "checkout.session",
      mode: "subscription",
      status: "open",
      customer: form.customer ?? null,
      customer_email: form.customer_email ?? null,
      client_reference_id: form.client_reference_id ?? null,
      metadata: pick(form, "metadata"),
      url: `https://checkout.stripe.com/c/pay/${id}`,
    });
  }
}

function pick(form: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) {
    const m = new RegExp(`^${prefix}\\[([^\\]]+)\\]$`).exec(k);
    if (m) out[m[1]!] = v;
  }
  return out;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "request-id": `req_${Date.now()}` } });
}

function error(status: number, err: Record<string, string>): Response {
  return json({ error: err }, status);
}

function missing(param: string, value: string, kind = param): Response {
  return error(400, { type: "invalid_request_error", code: "resource_missing", param, message: `No such ${kind}: '${value}'` });
}

/** A webhook delivery as Stripe sends it: the JSON body and its Stripe-Signature header, signed at `timestamp` (seconds). */
export function signedDelivery(
  secret: string,
  event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } },
  timestamp = event.created,
): { body: string; signature: string } {
  const body = JSON.stringify({ object: "event", api_version: "2026-11-18.endive", livemode: false, pending_webhooks: 1, ...event });
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { body, signature: `t=${timestamp},v1=${v1}` };
}
