import type { AppContext } from "../app/context";
import type { WebappResult } from "./add";
import { fetchPageDetails } from "./details";
import { deleteWebappMedia } from "../media/ledger";
import { removeLogo } from "./logo";
import { deleteWebapp, findWebapp, findWebappByUrl, updateWebapp, type WebappRow } from "./store";
import { normalizeInput, toFields, validateWebapp, type WebappInput } from "./validate";

/**
 * Changes the fields given in `input` on the user's web app; undefined when it is not theirs.
 * A changed URL is fetched again to check that it is a reachable web page.
 */
export async function editWebapp(
  ctx: AppContext,
  userId: number,
  id: number,
  input: WebappInput & { logoPath?: string },
): Promise<WebappResult | undefined> {
  const current = findWebapp(ctx.db, userId, id);
  if (!current) return undefined;
  const given = normalizeInput(input);
  const problem = validateWebapp(given);
  if (problem) return { ok: false, code: "invalid", ...problem };
  const fields = toFields(given);
  if (given.url !== undefined && given.url !== current.url) {
    const details = await fetchPageDetails(ctx, given.url);
    if (!details.ok) return details;
    const other = findWebappByUrl(ctx.db, userId, details.url);
    if (other && other.id !== id) {
      return { ok: false, field: "url", code: "duplicate", message: `${details.url} is already your web app "${other.name}".` };
    }
    fields.url = details.url;
  }
  if (input.logoPath !== undefined) fields.logoPath = input.logoPath;
  const webapp = updateWebapp(ctx.db, userId, id, fields, ctx.clock.now());
  if (!webapp) return undefined;
  if (input.logoPath !== undefined && current.logoPath && current.logoPath !== input.logoPath)
    await removeLogo(ctx, userId, current.logoPath);
  return { ok: true, webapp };
}

/** Deletes the user's web app, its logo file and its media folder (its posts go with it); the deleted row, or undefined when it is not theirs. */
export async function removeWebapp(ctx: AppContext, userId: number, id: number): Promise<WebappRow | undefined> {
  const gone = deleteWebapp(ctx.db, userId, id);
  if (gone?.logoPath) await removeLogo(ctx, userId, gone.logoPath);
  if (gone) await deleteWebappMedia(ctx, userId, gone.id);
  if (gone) ctx.log.info(`webapps: user ${userId} deleted web app ${id} (${gone.url})`);
  return gone;
}
