/**
 * Default prices in USD per million tokens (input, output) of the models we know, as their providers list them on
 * their pricing pages (OpenAI, Anthropic, xAI; checked December 2026). Used when an llm.providers entry names no
 * price_in_per_million / price_out_per_million. Ollama (local) and the built-in writer cost nothing; a model not
 * listed here costs 0 unless its entry sets prices. Matched by the longest name prefix, so dated snapshots such as
 * "gpt-4o-2024-08-06" take their family's price.
 */
export const KNOWN_MODEL_PRICES: readonly { prefix: string; input: number; output: number }[] = [
  // OpenAI
  { prefix: "gpt-5-nano", input: 0.05, output: 0.4 },
  { prefix: "gpt-5-mini", input: 0.25, output: 2 },
  { prefix: "gpt-5", input: 1.25, output: 10 },
  { prefix: "gpt-4.1-nano", input: 0.1, output: 0.4 },
  { prefix: "gpt-4.1-mini", input: 0.4, output: 1.6 },
  { prefix: "gpt-4.1", input: 2, output: 8 },
  { prefix: "gpt-4o-mini", input: 0.15, output: 0.6 },
  { prefix: "gpt-4o", input: 2.5, output: 10 },
  { prefix: "o4-mini", input: 1.1, output: 4.4 },
  { prefix: "o3-mini", input: 1.1, output: 4.4 },
  { prefix: "o3", input: 2, output: 8 },
  // Anthropic
  { prefix: "claude-opus-4-5", input: 5, output: 25 },
  { prefix: "claude-opus-4", input: 15, output: 75 },
  { prefix: "claude-sonnet-4", input: 3, output: 15 },
  { prefix: "claude-3-7-sonnet", input: 3, output: 15 },
  { prefix: "claude-3-5-sonnet", input: 3, output: 15 },
  { prefix: "claude-haiku-4-5", input: 1, output: 5 },
  { prefix: "claude-3-5-haiku", input: 0.8, output: 4 },
  { prefix: "claude-3-haiku", input: 0.25, output: 1.25 },
  // xAI
  { prefix: "grok-4-fast", input: 0.2, output: 0.5 },
  { prefix: "grok-code-fast", input: 0.2, output: 1.5 },
  { prefix: "grok-4", input: 3, output: 15 },
  { prefix: "grok-3-mini", input: 0.3, output: 0.5 },
  { prefix: "grok-3", input: 3, output: 15 },
];

/** A model's default price per million tokens: the longest known prefix of its name, else 0 (always 0 for Ollama). */
export function defaultModelPrice(kind: string, model: string): { input: number; output: number } {
  if (kind === "ollama") return { input: 0, output: 0 };
  const name = model.toLowerCase();
  let best: (typeof KNOWN_MODEL_PRICES)[number] | undefined;
  for (const p of KNOWN_MODEL_PRICES) if (name.startsWith(p.prefix) && (!best || p.prefix.length > best.prefix.length)) best = p;
  return best ? { input: best.input, output: best.output } : { input: 0, output: 0 };
}
