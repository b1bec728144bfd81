/**
 * The site-wide warning (e.g. "links point to localhost") as plain state, without JSX: the instance settings set it
 * when they change, the page layout reads it. Kept apart from page.tsx so setting it never loads the views
 * (the CLI sets it at start and renders no page).
 */

/** A warning every signed-in page shows above its content, with a link to fix it. */
export interface SiteWarning {
  text: string;
  href: string;
  linkText: string;
}

let current: SiteWarning | undefined;
const listeners: (() => void)[] = [];

/** The warning in effect now, if any. */
export function siteWarning(): SiteWarning | undefined {
  return current;
}

/** Sets (or clears) the warning on every signed-in page; called when the setting behind it changes, not per request. */
export function setSiteWarning(w: SiteWarning | undefined): void {
  if (JSON.stringify(w) === JSON.stringify(current)) return;
  current = w;
  for (const fn of listeners) fn();
}

/** Runs `fn` whenever the warning changes (the layout drops its kept page shells). */
export function onSiteWarningChange(fn: () => void): void {
  listeners.push(fn);
}
