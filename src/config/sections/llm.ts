import { readFileSync } from "node:fs";
import { parseDecimal } from "../../lib/decimal";
import { defaultModelPrice } from "../llm-prices";
import { ConfigValueError, num, objects, type Option } from "../option";

// The API dialects the gateway speaks. xAI Grok and other OpenAI-compatible servers use `openai` with their base_url.
// (Only section objects may be exported at runtime: schema.ts spreads this module.)
const LLM_PROVIDER_KINDS = ["openai", "anthropic", "ollama"] as const;
/** One of the provider dialects. */
export type LlmProviderKind = (typeof LLM_PROVIDER_KINDS)[number];

// Each dialect's real host, used when base_url is not set.
const DEFAULT_BASE_URLS: Record<LlmProviderKind, string> = {
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  ollama: "http://127.0.0.1:11434",
};

/** One configured model endpoint, tried in list order. */
export interface LlmProviderConfig {
  name: string;
  kind: LlmProviderKind;
  model: string;
  apiKey: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  priceInPerMillion: number;
  priceOutPerMillion: number;
  tier: "standard" | "premium";
}

const fail = (m: string) => new ConfigValueError(m);

function text(raw: Record<string, unknown>, key: string, fallback?: string): string | ConfigValueError {
  const v = raw[key];
  if (v === undefined || v === null || v === "") return fallback ?? fail(`${key} is required`);
  if (typeof v !== "string" && typeof v !== "number") return fail(`${key}: expected a string`);
  return String(v);
}

function number(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  min: number,
  max: number,
  whole = false,
): number | ConfigValueError {
  const v = raw[key];
  if (v === undefined || v === null || v === "") return fallback;
  const n = typeof v === "string" ? parseDecimal(v) : v;
  if (typeof n !== "number" || Number.isNaN(n) || (whole && !Number.isInteger(n)))
    return fail(`${key}: expected ${whole ? "a whole number" : "a number"}`);
  if (n < min || n > max) return fail(`${key}: expected a number between ${min} and ${max}`);
  return n;
}

function baseUrl(raw: Record<string, unknown>, kind: LlmProviderKind): string | ConfigValueError {
  const v = text(raw, "base_url", DEFAULT_BASE_URLS[kind]);
  if (v instanceof ConfigValueError) return v;
  try {
    const u = new URL(v);
    if (u.protocol !== "http:" && u.protocol !== "https:") return fail("base_url: expected an http:// or https:// URL");
  } catch {
    return fail("base_url: expected an absolute URL such as https://api.x.ai/v1");
  }
  return v.replace(/\/+$/, "");
}

function apiKey(raw: Record<string, unknown>, kind: LlmProviderKind): string | ConfigValueError {
  if (raw.api_key_file !== undefined && raw.api_key_file !== "") {
    const path = String(raw.api_key_file);
    try {
      return readFileSync(path, "utf8").trim();
    } catch {
      return fail(`api_key_file: cannot read ${path}`);
    }
  }
  const key = text(raw, "api_key", "");
  if (key instanceof ConfigValueError) return key;
  if (key === "" && kind !== "ollama") return fail("api_key (or api_key_file) is required for kind " + kind);
  return key;
}

const KNOWN_KEYS = [
  "name",
  "kind",
  "model",
  "api_key",
  "api_key_file",
  "base_url",
  "timeout_ms",
  "max_retries",
  "price_in_per_million",
  "price_out_per_million",
  "tier",
];

// Checks one `llm.providers` entry and fills in defaults.
function parseLlmProvider(raw: Record<string, unknown>, index: number): LlmProviderConfig | ConfigValueError {
  const unknown = Object.keys(raw).find((k) => !KNOWN_KEYS.includes(k));
  if (unknown) return fail(`unknown key "${unknown}" (known: ${KNOWN_KEYS.join(", ")})`);
  const kind = raw.kind;
  if (typeof kind !== "string" || !(LLM_PROVIDER_KINDS as readonly string[]).includes(kind))
    return fail(`kind: expected one of ${LLM_PROVIDER_KINDS.join(", ")}`);
  const k = kind as LlmProviderKind;
  const tier = raw.tier ?? "standard";
  if (tier !== "standard" && tier !== "premium") return fail("tier: expected standard or premium");
  const model = text(raw, "model");
  // A known model's published price when the entry names none (src/config/llm-prices.ts); Ollama and unknown models cost 0.
  const price = defaultModelPrice(k, model instanceof ConfigValueError ? "" : model);
  const fields = {
    name: text(raw, "name", `${k}-${index + 1}`),
    model,
    apiKey: apiKey(raw, k),
    baseUrl: baseUrl(raw, k),
    timeoutMs: number(raw, "timeout_ms", 60_000, 100, 600_000, true),
    maxRetries: number(raw, "max_retries", 2, 0, 10, true),
    priceInPerMillion: number(raw, "price_in_per_million", price.input, 0, 10_000),
    priceOutPerMillion: number(raw, "price_out_per_million", price.output, 0, 10_000),
  };
  for (const v of Object.values(fields)) if (v instanceof ConfigValueError) return v;
  return { ...(fields as Omit<LlmProviderConfig, "kind" | "tier">), kind: k, tier };
}

/** Language models: the providers in fallback order and the default monthly spending cap. */
export const llm = {
  providers: {
    ...objects<LlmProviderConfig>({
      default: [],
      item: parseLlmProvider,
      doc:
        "Model providers in fallback order; empty uses only the built-in offline writer. Each: name, kind (openai | anthropic | ollama), model, " +
        "api_key or api_key_file, base_url (default per kind: https://api.openai.com/v1, https://api.anthropic.com, http://127.0.0.1:11434; " +
        "xAI Grok is kind openai with base_url https://api.x.ai/v1), timeout_ms (60000), max_retries (2), price_in_per_million and " +
        "price_out_per_million in USD (default: the published price of known OpenAI, Anthropic and xAI models, else 0; Ollama 0), tier (standard | premium). Blueprint order: Grok primary, Claude fallback, a premium model with tier premium.",
    }),
    secret: true,
  } as Option<LlmProviderConfig[]>,
  monthly_budget_usd: num({
    default: 10,
    min: 0,
    max: 1_000_000,
    doc: "Default monthly model spend per user in USD (calendar month, UTC); each user can change theirs on the Usage page. Past it, the built-in writer takes over.",
  }),
};
