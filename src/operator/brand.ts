import type { Config } from "../config/schema";

/** The product's own name, which a private box (operator mode off) shows everywhere. */
export const PRODUCT_NAME = "Amarktai Marketing";

/**
 * The name people see on pages, in emails and in Telegram messages: the operator's product name (operator.name) in
 * operator mode, where the box is sold under the operator's brand, else the product's own.
 */
export function productName(config: Config): string {
  return config.operator.enabled ? config.operator.name : PRODUCT_NAME;
}

/**
 * What the page layout names the box with: the full name (window titles, sign-in pages), the sidebar's short one and
 * the logo beside it. The operator's name and logo (a path on this box) in operator mode, else the product's own.
 */
export function layoutBrand(config: Config): { name: string; short: string; logo: string } {
  if (config.operator.enabled) return { name: config.operator.name, short: config.operator.name, logo: config.operator.logo };
  return { name: PRODUCT_NAME, short: "Amarktai", logo: "/public/favicon.svg" };
}

/**
 * The From header of the box's emails: smtp.from as set, except that in operator mode a sender left at the default
 * ("Amarktai Marketing <...>") speaks with the operator's name (the address stays).
 */
export function senderAddress(config: Config): string {
  const from = config.smtp.from;
  if (!config.operator.enabled || !from.startsWith(`${PRODUCT_NAME} <`)) return from;
  return `"${config.operator.name.replace(/["\\]/g, "")}" ${from.slice(PRODUCT_NAME.length + 1)}`;
}
