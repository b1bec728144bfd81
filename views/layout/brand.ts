/**
 * The name and logo the layout shows (sidebar, sign-in pages, the window title), as plain state without JSX: the
 * app sets them from its config when it is built (src/operator/brand.ts says which), the layout reads them.
 */

/** The name and logo every page's layout carries. */
export interface Brand {
  /** The full name: window titles, sign-in pages. */
  name: string;
  /** The sidebar's name. */
  short: string;
  logo: string;
}

let current: Brand = { name: "Amarktai Marketing", short: "Amarktai", logo: "/public/favicon.svg" };
const listeners: (() => void)[] = [];

/** The brand in effect now. */
export function brand(): Brand {
  return current;
}

/** Sets the brand of every page; called when the app is built, not per request. */
export function setBrand(b: Brand): void {
  if (b.name === current.name && b.short === current.short && b.logo === current.logo) return;
  current = { ...b };
  for (const fn of listeners) fn();
}

/** Runs `fn` whenever the brand changes (the layout drops its kept page shells). */
export function onBrandChange(fn: () => void): void {
  listeners.push(fn);
}
