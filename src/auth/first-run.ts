import type { AppContext } from "../app/context";
import { countUsers } from "../users/store";

const ALWAYS_OPEN = ["/healthz", "/public/", "/setup", "/api/"];
const seen = new WeakMap<AppContext, boolean>();

/** True while no account exists yet, so the first-run setup page is open. */
export function setupOpen(ctx: AppContext): boolean {
  // Accounts are never all deleted, so once one exists we stop asking the database.
  if (seen.get(ctx)) return false;
  const open = countUsers(ctx.db) === 0;
  if (!open) seen.set(ctx, true);
  return open;
}

/** Where a request must go instead while setup is open (every page but health, static files, the API and /setup itself). */
export function firstRunRedirect(ctx: AppContext, path: string): string | undefined {
  if (ALWAYS_OPEN.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p))) return undefined;
  return setupOpen(ctx) ? "/setup" : undefined;
}
