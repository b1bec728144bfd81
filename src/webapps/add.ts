import type { AppContext } from "../app/context";
import type { FetchProblemCode } from "../net/safe-fetch";
import { quotaCheck } from "../operator/quota";
import { fetchPageDetails } from "./details";
import { findWebappByUrl, insertWebapp, type WebappRow } from "./store";
import { normalizeInput, toFields, validateWebapp, type WebappInput } from "./validate";

/** Why a web app was not saved: the field, a sentence for the person, and a code (rule, duplicate or fetch problem). */
export type WebappRefusal = { ok: false; field: string; message: string; code: "invalid" | "duplicate" | "quota" | FetchProblemCode };

/** The outcome of adding or editing a web app. */
export type WebappResult = { ok: true; webapp: WebappRow } | WebappRefusal;

/**
 * Adds a web app from its URL: fetches the landing page, pre-fills name, description, share image,
 * theme colour, icon and feeds, and lets every field given in `input` (non-empty) win.
 * Used by the web UI, the JSON API and the CLI's `app:add`.
 */
export async function addWebapp(
  ctx: AppContext,
  userId: number,
  input: WebappInput & { url: string; logoPath?: string },
): Promise<WebappResult> {
  // A blank field means "read it from the page", so blanks are dropped before the rules run.
  const given = Object.fromEntries(Object.entries(normalizeInput(input)).filter(([, v]) => v !== "")) as WebappInput;
  if (!given.url)
    return { ok: false, field: "url", code: "invalid", message: "Enter the web app's address, for example https://example.com." };
  const problem = validateWebapp(given);
  if (problem) return { ok: false, code: "invalid", ...problem };
  const quota = quotaCheck(ctx, userId, "webapps");
  if (!quota.allowed) return { ok: false, field: "url", code: "quota", message: `${quota.message} (${quota.upgradeUrl})` };
  const details = await fetchPageDetails(ctx, given.url);
  if (!details.ok) return details;
  const existing = findWebappByUrl(ctx.db, userId, details.url);
  if (existing) {
    return {
      ok: false,
      field: "url",
      code: "duplicate",
      message: `You already added ${details.url} as "${existing.name}". Edit that web app instead.`,
    };
  }
  const m = details.meta;
  const fields = {
    ...toFields(given),
    url: details.url,
    name: given.name || m.name,
    description: given.description || m.description,
    ogImageUrl: given.ogImageUrl || m.ogImageUrl,
    faviconUrl: given.faviconUrl || m.faviconUrl,
    themeColor: given.themeColor || m.themeColor,
    feeds: given.feeds?.length ? given.feeds : m.feeds,
    logoPath: input.logoPath ?? "",
  };
  const webapp = insertWebapp(ctx.db, userId, fields, ctx.clock.now());
  ctx.log.info(`webapps: user ${userId} added web app ${webapp.id} (${webapp.url})`);
  return { ok: true, webapp };
}
