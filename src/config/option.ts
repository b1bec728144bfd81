import { parseDecimal, parseWholeNumber } from "../lib/decimal";

/** One typed config option: its default, its documentation and how a raw value becomes a typed one. */
export interface Option<T> {
  default: T;
  doc: string;
  /** Turns a raw YAML or env value into T, or returns an error string that says what is expected. */
  parse: (raw: unknown) => T | ConfigValueError;
  /** Extra env vars (besides AMARKTAI_<SECTION>_<KEY>) that override this option, first wins. */
  env?: string[];
  /** Secrets may also be read from a file named by <ENV>_FILE and are never printed. */
  secret?: boolean;
}

/** A parse failure: the message says what was expected. */
export class ConfigValueError {
  constructor(readonly message: string) {}
}

/** A section is a table of options; the config type is derived from it. */
export type Section = Record<string, Option<unknown>>;

/** The typed values of a section. */
export type SectionValues<S extends Section> = { [K in keyof S]: S[K] extends Option<infer T> ? T : never };

const fail = (m: string) => new ConfigValueError(m);

/** A string option; `allowEmpty` false rejects "". */
export function str(o: {
  default: string;
  doc: string;
  env?: string[];
  secret?: boolean;
  pattern?: RegExp;
  hint?: string;
}): Option<string> {
  return {
    ...o,
    parse: (raw) => {
      if (typeof raw === "number" || typeof raw === "boolean") raw = String(raw);
      if (typeof raw !== "string") return fail("expected a string");
      if (o.pattern && raw !== "" && !o.pattern.test(raw)) return fail(`expected ${o.hint ?? `a value matching ${o.pattern}`}`);
      return raw;
    },
  };
}

/** An integer option within [min, max]; text must be decimal digits ("0x10" and "1e3" are refused). */
export function int(o: { default: number; doc: string; min?: number; max?: number; env?: string[] }): Option<number> {
  return {
    ...o,
    parse: (raw) => {
      const n = typeof raw === "string" ? parseWholeNumber(raw) : raw;
      if (typeof n !== "number" || !Number.isInteger(n)) return fail("expected a whole number");
      if (o.min !== undefined && n < o.min) return fail(`expected a number >= ${o.min}`);
      if (o.max !== undefined && n > o.max) return fail(`expected a number <= ${o.max}`);
      return n;
    },
  };
}

/** A decimal number option within [min, max]; text must be a plain decimal such as 12.50. */
export function num(o: { default: number; doc: string; min?: number; max?: number; env?: string[] }): Option<number> {
  return {
    ...o,
    parse: (raw) => {
      const n = typeof raw === "string" ? parseDecimal(raw) : raw;
      if (typeof n !== "number" || !Number.isFinite(n)) return fail("expected a number");
      if (o.min !== undefined && n < o.min) return fail(`expected a number >= ${o.min}`);
      if (o.max !== undefined && n > o.max) return fail(`expected a number <= ${o.max}`);
      return n;
    },
  };
}

/** A true/false option; env values "true/false/1/0/yes/no" are accepted. */
export function bool(o: { default: boolean; doc: string; env?: string[] }): Option<boolean> {
  return {
    ...o,
    parse: (raw) => {
      if (typeof raw === "boolean") return raw;
      if (typeof raw === "string") {
        const v = raw.trim().toLowerCase();
        if (["true", "1", "yes", "on"].includes(v)) return true;
        if (["false", "0", "no", "off"].includes(v)) return false;
      }
      return fail("expected true or false");
    },
  };
}

/** One of a fixed list of strings. */
export function oneOf<const T extends string>(o: { default: T; doc: string; values: readonly T[]; env?: string[] }): Option<T> {
  return {
    ...o,
    parse: (raw) =>
      typeof raw === "string" && (o.values as readonly string[]).includes(raw)
        ? (raw as T)
        : fail(`expected one of ${o.values.join(", ")}`),
  };
}

/** An absolute http(s) URL, or "" when `optional`. Trailing slashes are removed. */
export function url(o: { default: string; doc: string; optional?: boolean; env?: string[] }): Option<string> {
  return {
    ...o,
    parse: (raw) => {
      if (typeof raw !== "string") return fail("expected a URL");
      if (raw === "" && o.optional) return "";
      try {
        const u = new URL(raw);
        if (u.protocol !== "http:" && u.protocol !== "https:") return fail("expected an http:// or https:// URL");
        return raw.replace(/\/+$/, "");
      } catch {
        return fail("expected an absolute URL such as https://example.com");
      }
    },
  };
}

/** A list of strings; env values are comma separated. */
export function list(o: { default: string[]; doc: string; env?: string[]; values?: readonly string[] }): Option<string[]> {
  return {
    ...o,
    parse: (raw) => {
      const items =
        typeof raw === "string"
          ? raw
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean)
          : raw;
      if (!Array.isArray(items) || !items.every((i) => typeof i === "string")) return fail("expected a list of strings");
      const bad = o.values ? items.find((i) => !o.values!.includes(i)) : undefined;
      if (bad !== undefined) return fail(`"${bad}" is not one of ${o.values!.join(", ")}`);
      return items as string[];
    },
  };
}

/** A list of objects, each checked by `item`, which returns an error message or the typed object. */
export function objects<T>(o: {
  default: T[];
  doc: string;
  item: (raw: Record<string, unknown>, index: number) => T | ConfigValueError;
}): Option<T[]> {
  return {
    ...o,
    parse: (raw) => {
      if (typeof raw === "string") {
        try {
          raw = JSON.parse(raw);
        } catch {
          return fail("expected a list (as JSON when given in an environment variable)");
        }
      }
      if (!Array.isArray(raw)) return fail("expected a list");
      const out: T[] = [];
      for (const [i, r] of raw.entries()) {
        if (typeof r !== "object" || r === null || Array.isArray(r)) return fail(`item ${i + 1}: expected a mapping`);
        const v = o.item(r as Record<string, unknown>, i);
        if (v instanceof ConfigValueError) return fail(`item ${i + 1}: ${v.message}`);
        out.push(v);
      }
      return out;
    },
  };
}
