import type { Static, TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

/** A model answer checked against the agent's schema: the typed value, or what is wrong with it in words a model can act on. */
export type Checked<S extends TSchema> = { ok: true; data: Static<S> } | { ok: false; error: string };

/** Parses a model's answer as JSON (tolerating a code fence around it) and validates it with TypeBox. */
export function parseAnswer<S extends TSchema>(text: string, schema: S): Checked<S> {
  const body = text
    .trim()
    .replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, "$1")
    .trim();
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: `the answer is not valid JSON (${e instanceof Error ? e.message : e})` };
  }
  if (Value.Check(schema, data)) return { ok: true, data: data as Static<S> };
  const problems = [...Value.Errors(schema, data)].slice(0, 8).map((err) => `${err.path || "(root)"}: ${err.message}`);
  return { ok: false, error: `the answer does not match the schema: ${problems.join("; ")}` };
}

/** The TypeBox schema as plain JSON schema (TypeBox's symbol keys dropped) for sending to a provider. */
export function toJsonSchema(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

/** The follow-up message of the one repair attempt: shows the model its validation error. */
export function repairPrompt(error: string): string {
  return `Your previous answer was rejected because ${error}. Reply again with only the corrected JSON, matching the schema exactly.`;
}
