import { stripControlChars } from "../lib/control-chars";
import { passwordProblem } from "./passwords";
import { isTimeZone } from "../lib/zoned-time";

/** Field values of a submitted form, as strings (missing fields are ""). */
export type FormFields = Record<string, string>;

/** Reads the named fields of a parsed form body as trimmed strings (passwords untrimmed). */
export function readFields(body: unknown, names: string[]): FormFields {
  const src = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const out: FormFields = {};
  for (const n of names) {
    const v = src[n];
    const s = typeof v === "string" ? v : "";
    out[n] = n.toLowerCase().includes("password") ? s : stripControlChars(s).trim();
  }
  return out;
}

/** Checks a person's name. */
export function nameProblem(name: string): string | undefined {
  if (!name) return "Enter a name.";
  if (name.length > 100) return "Use at most 100 characters for the name.";
  return undefined;
}

/** Checks an email address's shape (delivery is the mail server's business). */
export function emailProblem(email: string): string | undefined {
  if (!email) return "Enter an email address.";
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) return `"${email}" is not an email address. Check it for typos.`;
  return undefined;
}

/** Checks a time zone name against the list offered. */
export function timeZoneProblem(zone: string): string | undefined {
  return isTimeZone(zone) ? undefined : "Choose a time zone from the list.";
}

/** Runs the given checks and returns the field errors (empty when all pass). */
export function fieldErrors(checks: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(checks)) if (v) out[k] = v;
  return out;
}

/** The checks for a new account: name, email, password, time zone. */
export function accountErrors(f: FormFields): Record<string, string> {
  return fieldErrors({
    name: nameProblem(f.name!),
    email: emailProblem(f.email!),
    password: passwordProblem(f.password!),
    timezone: timeZoneProblem(f.timezone!),
  });
}
