import { bool, ConfigValueError, int, list, num, objects, oneOf, str, type Option } from "../option";

/** What one plan allows per account; Infinity means no limit ("unlimited" in the file). */
export interface PlanQuotas {
  webapps: number;
  posts_month: number;
  renders_month: number;
  connections: number;
  llm_budget_month: number;
  storage_mb: number;
  seats: number;
}

/** One plan as the operator sells it. */
export interface PlanConfig {
  id: string;
  name: string;
  /** Prices in the currency's main unit (12.5 = 12.50); 0 is free. */
  price_month: number;
  price_year: number;
  stripe_price_month: string;
  stripe_price_year: string;
  quotas: PlanQuotas;
}

/** One feature of the product on the landing page. */
export interface FeatureConfig {
  title: string;
  text: string;
}

/** One question and answer on the landing page. */
export interface FaqConfig {
  question: string;
  answer: string;
}

// The quota names as the file spells them (src/operator/plans.ts gives them labels).
const QUOTA_KEYS = ["webapps", "posts_month", "renders_month", "connections", "llm_budget_month", "storage_mb", "seats"] as const;

const fail = (m: string) => new ConfigValueError(m);
const text = (raw: unknown): raw is string => typeof raw === "string" && raw.trim() !== "";

function limit(raw: unknown, key: string): number | ConfigValueError {
  if (raw === undefined || raw === "unlimited") return Number.POSITIVE_INFINITY;
  const n = typeof raw === "string" && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return fail(`quotas.${key}: expected a number >= 0 or "unlimited"`);
  return n;
}

function price(raw: unknown, key: string): number | ConfigValueError {
  const n = typeof raw === "string" && /^\d+(\.\d{1,2})?$/.test(raw) ? Number(raw) : (raw ?? 0);
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) return fail(`${key}: expected a price such as 19 or 19.50`);
  return n;
}

function plan(raw: Record<string, unknown>): PlanConfig | ConfigValueError {
  if (!text(raw.id) || !/^[a-z0-9_-]+$/.test(raw.id)) return fail("id: expected lowercase letters, digits, - or _");
  if (!text(raw.name)) return fail("name: expected the plan's name");
  const q = (raw.quotas ?? {}) as Record<string, unknown>;
  if (typeof q !== "object" || Array.isArray(q)) return fail("quotas: expected a mapping");
  const unknown = Object.keys(q).find((k) => !(QUOTA_KEYS as readonly string[]).includes(k));
  if (unknown) return fail(`quotas.${unknown}: unknown quota (known: ${QUOTA_KEYS.join(", ")})`);
  const quotas = {} as PlanQuotas;
  for (const k of QUOTA_KEYS) {
    const v = limit(q[k], k);
    if (v instanceof ConfigValueError) return v;
    quotas[k] = v;
  }
  const month = price(raw.price_month, "price_month");
  const year = price(raw.price_year, "price_year");
  if (month instanceof ConfigValueError) return month;
  if (year instanceof ConfigValueError) return year;
  const ids = [raw.stripe_price_month ?? "", raw.stripe_price_year ?? ""];
  if (!ids.every((i) => typeof i === "string")) return fail("stripe_price_month/stripe_price_year: expected Stripe price ids (price_...)");
  return {
    id: raw.id,
    name: raw.name,
    price_month: month,
    price_year: year,
    stripe_price_month: ids[0] as string,
    stripe_price_year: ids[1] as string,
    quotas,
  };
}

function pair<K extends string>(a: K, b: K) {
  return (raw: Record<string, unknown>) =>
    text(raw[a]) && text(raw[b]) ? ({ [a]: raw[a], [b]: raw[b] } as Record<K, string>) : fail(`expected ${a} and ${b}`);
}

/** A site-relative path ("/public/logo.svg") or empty: the landing page never loads anything from another host. */
function localPath(o: { default: string; doc: string }): Option<string> {
  return str({ ...o, pattern: /^\/(?!\/)[^\s"'<>]*$/, hint: "a path on this box such as /public/logo.svg (no other hosts)" });
}

/** Running one box for many customers: landing page, plans and quotas. Off by default: a private box stays as it is. */
export const operator = {
  enabled: bool({
    default: false,
    doc: "Operator mode: a public landing page at /, /pricing, sign-up (see auth.signup), plans with quotas, billing and /admin/accounts.",
  }),
  name: str({ default: "Amarktai Marketing", doc: "The service's name on the landing page, pricing page and emails." }),
  tagline: str({
    default: "Your web apps marketed every night: posts written, rendered and scheduled, waiting for your approval.",
    doc: "One sentence under the name on the landing page.",
  }),
  logo: localPath({ default: "/public/favicon.svg", doc: "The logo: a path on this box (put the file in public/)." }),
  primary_colour: str({ default: "#1f5fbf", pattern: /^#[0-9a-fA-F]{6}$/, hint: "a colour such as #1f5fbf", doc: "Buttons and links." }),
  accent_colour: str({
    default: "#0d2a52",
    pattern: /^#[0-9a-fA-F]{6}$/,
    hint: "a colour such as #0d2a52",
    doc: "Headings and the top band.",
  }),
  features: objects<FeatureConfig>({
    default: [
      {
        title: "Research while you sleep",
        text: "Each night it reads your web app, its feed and its news, and notes what is worth telling.",
      },
      {
        title: "Posts for every platform",
        text: "Copy written to each platform's rules and length, with images and short videos rendered on the box.",
      },
      {
        title: "You approve, it publishes",
        text: "One tap approves a batch from email or Telegram; posts go out at the times your audience reads.",
      },
      { title: "Learns what works", text: "Clicks, likes and comments are read back so the next night's posts do better." },
    ],
    doc: "The features listed on the landing page (title and text each).",
    item: pair("title", "text"),
  }),
  faq: objects<FaqConfig>({
    default: [
      {
        question: "Does anything get posted without me?",
        answer: "No. Every post waits for your approval unless you turn auto-approval on.",
      },
      { question: "Which platforms are supported?", answer: "LinkedIn, X, Facebook, Instagram, TikTok and YouTube." },
      { question: "Can I cancel?", answer: "Any time, from the billing portal. Your posts and data stay readable and exportable." },
    ],
    doc: "Questions and answers on the landing page.",
    item: pair("question", "answer"),
  }),
  contact_email: str({ default: "", doc: "Contact address shown on the landing page; empty hides it." }),
  imprint_url: str({ default: "", doc: "Link to the imprint (legal notice); empty hides it." }),
  privacy_url: str({ default: "", doc: "Link to the privacy policy; empty hides it." }),
  terms_url: str({ default: "", doc: "Link to the terms of service that sign-up asks people to accept; empty shows the plain sentence." }),
  terms_version: str({ default: "1", doc: "The terms' version recorded with each acceptance; change it when the terms change." }),
  currency: str({ default: "EUR", pattern: /^[A-Z]{3}$/, hint: "an ISO currency code such as EUR", doc: "Currency of the plan prices." }),
  usd_rate: num({
    default: 1,
    min: 0.000001,
    doc: "How many units of the currency one US dollar is worth (0.92 for EUR, say; 1 for USD). Model providers price AI use in USD; plans' AI budgets (llm_budget_month) are in the currency and the box converts with this rate.",
  }),
  plans: objects<PlanConfig>({
    default: [
      {
        id: "starter",
        name: "Starter",
        price_month: 19,
        price_year: 190,
        stripe_price_month: "",
        stripe_price_year: "",
        quotas: {
          webapps: 1,
          posts_month: 60,
          renders_month: 30,
          connections: 3,
          llm_budget_month: 5,
          storage_mb: 1000,
          seats: 1,
        },
      },
      {
        id: "pro",
        name: "Pro",
        price_month: 49,
        price_year: 490,
        stripe_price_month: "",
        stripe_price_year: "",
        quotas: {
          webapps: 5,
          posts_month: 400,
          renders_month: 200,
          connections: 12,
          llm_budget_month: 25,
          storage_mb: 10000,
          seats: 5,
        },
      },
    ],
    doc: 'Plans: id, name, price_month, price_year, stripe_price_month/_year (price_...), quotas (webapps, posts_month, renders_month, connections, llm_budget_month, storage_mb, seats; a number or "unlimited").',
    item: plan,
  }),
  default_plan: str({ default: "starter", doc: "The plan a new account starts on (one of plans' ids)." }),
  past_due_grace_days: int({
    default: 7,
    min: 0,
    max: 60,
    doc: "A past_due account keeps working (with a banner) this many days; then its nightly run and publishing pause.",
  }),
  disposable_domains: list({ default: [], doc: "Email domains refused at sign-up (throwaway mail services)." }),
};

/** Stripe billing for operator mode. */
export const stripe = {
  secret_key: str({ default: "", secret: true, doc: "Stripe secret key (sk_live_... or sk_test_...); empty turns billing off." }),
  webhook_secret: str({
    default: "",
    secret: true,
    doc: "The webhook endpoint's signing secret (whsec_...), for <public_base_url>/billing/webhook.",
  }),
  api_host: str({ default: "api.stripe.com", doc: "Stripe API host (tests point it at a local server)." }),
  api_port: int({ default: 443, min: 1, max: 65535, doc: "Stripe API port." }),
  api_protocol: oneOf({ default: "https", values: ["https", "http"] as const, doc: "Stripe API protocol." }),
  webhook_tolerance_seconds: int({
    default: 300,
    min: 10,
    max: 3600,
    doc: "A webhook whose signature timestamp is older than this is refused as a replay.",
  }),
};
