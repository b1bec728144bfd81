import { DE } from "./de";
import { EN } from "./en";
import { ES } from "./es";
import { FR } from "./fr";
import { IT } from "./it";
import { PT } from "./pt";
import type { Phrases } from "./types";

const TABLES: Record<string, Phrases> = { en: EN, fr: FR, de: DE, es: ES, pt: PT, it: IT };

/** The phrase table for a site language ("fr", "fr-CA", "de"); `native` is false when English stands in for it. */
export function phrasesFor(language: string | undefined): { phrases: Phrases; native: boolean } {
  const code = (language ?? "en").toLowerCase().split(/[-_]/)[0] ?? "en";
  const table = TABLES[code];
  return table ? { phrases: table, native: true } : { phrases: EN, native: false };
}

/** Fills a template's {name}, {x}, {who}, {person}, {domain} and {cta} slots. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}
