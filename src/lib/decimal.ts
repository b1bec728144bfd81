/**
 * Numbers typed by people (forms, config, CLI flags, environment): plain decimal digits only. Number() also
 * takes "0x10" (16), "1e3" (1000), "0b11", "Infinity" and "" (0), none of which anyone means as an amount.
 */

const WHOLE = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A whole number written in decimal digits (surrounding spaces allowed), or undefined. */
export function parseWholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (!WHOLE.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A decimal number such as 12, 12.50 or .5 (surrounding spaces allowed), or undefined. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : undefined;
}
