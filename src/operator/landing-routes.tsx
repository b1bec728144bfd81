import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { LandingPage, PricingPage, type Storefront } from "../../views/operator/landing";

/** What the public pages show, from the operator config. */
export function storefrontOf(ctx: AppContext): Storefront {
  const o = ctx.config.operator;
  return {
    name: o.name,
    tagline: o.tagline,
    logo: o.logo,
    baseUrl: ctx.config.server.public_base_url,
    features: o.features,
    faq: o.faq,
    plans: o.plans,
    currency: o.currency,
    contactEmail: o.contact_email,
    imprintUrl: o.imprint_url,
    privacyUrl: o.privacy_url,
    signupOpen: ctx.config.auth.signup === "open",
  };
}

// The public pages depend on the config alone, which is read once at start: each is rendered once per context.
const rendered = new WeakMap<AppContext, { landing: string; pricing: string; theme: string }>();

function pages(ctx: AppContext) {
  let p = rendered.get(ctx);
  if (!p) {
    const store = storefrontOf(ctx);
    const o = ctx.config.operator;
    p = {
      landing: LandingPage({ store }) as string,
      pricing: PricingPage({ store }) as string,
      theme: `:root{--primary:${o.primary_colour};--accent:${o.accent_colour}}\n`,
    };
    rendered.set(ctx, p);
  }
  return p;
}

const HTML = { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" };

/** The landing page answer for a signed-out visitor of / (operator mode). */
export function landingResponse(ctx: AppContext): Response {
  return new Response(pages(ctx).landing, { headers: HTML });
}

/** /pricing and the theme stylesheet built from the operator's colours; mounted only in operator mode. */
export function publicOperatorRoutes(ctx: AppContext) {
  if (!ctx.config.operator.enabled) return new Elysia();
  return new Elysia()
    .get("/pricing", () => new Response(pages(ctx).pricing, { headers: HTML }))
    .get(
      "/operator/theme.css",
      () =>
        new Response(pages(ctx).theme, { headers: { "content-type": "text/css; charset=utf-8", "cache-control": "public, max-age=300" } }),
    );
}
