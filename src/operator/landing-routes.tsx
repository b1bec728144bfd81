import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { SECURITY_HEADERS } from "../http/security-headers";
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

interface Rendered {
  landing: string;
  landingEtag: string;
  /** The landing answer's headers with its ETag, built with the page: nothing is spread or copied per request. */
  landingHeaders: Record<string, string>;
  pricing: string;
  theme: string;
}

// The public pages depend on the config alone: each is rendered once per config in effect. Keyed by the config object,
// which is replaced whole when a setting changes (instance/overlay.ts), so a new public address shows on the next view.
const rendered = new WeakMap<AppContext["config"], Rendered>();

function pages(ctx: AppContext): Rendered {
  let p = rendered.get(ctx.config);
  if (!p) {
    const store = storefrontOf(ctx);
    const o = ctx.config.operator;
    const landing = LandingPage({ store }) as string;
    const landingEtag = `"${Bun.hash(landing).toString(36)}"`;
    p = {
      landing,
      landingEtag,
      landingHeaders: { ...LANDING_HEADERS, etag: landingEtag },
      pricing: PricingPage({ store }) as string,
      theme: `:root{--primary:${o.primary_colour};--accent:${o.accent_colour}}\n`,
    };
    rendered.set(ctx.config, p);
  }
  return p;
}

const HTML = { "content-type": "text/html; charset=utf-8", "cache-control": "public, max-age=300" };
// The same URL sends a signed-in person to their dashboard, so a cache must not answer them with this page.
const LANDING_HEADERS = { ...SECURITY_HEADERS, ...HTML, vary: "cookie" };

// If-None-Match is a list of tags, weak ones prefixed W/ (RFC 9110 13.1.2: compared weakly), or *.
function holdsEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag === etag || tag === `W/${etag}`;
  });
}

/** The landing page answer for a signed-out visitor of / (operator mode): 304 when the browser holds these bytes already. */
export function landingResponse(ctx: AppContext, request: Request): Response {
  const p = pages(ctx);
  if (holdsEtag(request.headers.get("if-none-match"), p.landingEtag)) return new Response(null, { status: 304, headers: p.landingHeaders });
  return new Response(p.landing, { headers: p.landingHeaders });
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
