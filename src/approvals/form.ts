/** One text field of a parsed form or JSON body ("" when missing; the last value when repeated). */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return String(v[v.length - 1] ?? "");
  return typeof v === "string" || typeof v === "number" ? String(v) : "";
}

/** A repeated form field (checkboxes) as a list. */
export function fields(body: unknown, name: string): string[] {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === "string" && v !== "" ? [v] : [];
}

/** A repeated text field as a list, blanks kept (a carousel's slides), or undefined when the form has none. */
export function listField(body: unknown, name: string): string[] | undefined {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === "string" ? [v] : undefined;
}

/** A positive integer route id, or undefined. */
export function parseId(raw: string): number | undefined {
  const n = /^\d{1,15}$/.test(raw) ? Number(raw) : 0;
  return n > 0 ? n : undefined;
}
