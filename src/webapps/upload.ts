import { htmlPage } from "../http/errors";
import { readCapped } from "../lib/read-capped";
import { isHtmx } from "../http/guard";

/** Room for the form's text fields next to the logo (name, description, lists, ...). */
export const FORM_FIELDS_BYTES = 256_000;

/** A form body that went past its limit while it was being read. */
export class FormTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`form body larger than ${limit} bytes`);
  }
}

const FORM_TYPES = ["multipart/form-data", "application/x-www-form-urlencoded"];

/**
 * Reads a web form body (multipart or urlencoded) from the request stream and stops as soon as it passes
 * `limit` bytes (or at once when Content-Length says it will): the upload was read whole, 100 MB and more,
 * before the logo's size limit was applied. Repeated names become lists, as Elysia's own parser does.
 * Returns undefined for other content types, leaving them to the default parser.
 */
export async function readFormCapped(request: Request, limit: number): Promise<Record<string, unknown> | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!FORM_TYPES.includes(type.split(";")[0]!.trim().toLowerCase())) return undefined;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await request.body?.cancel().catch(() => {});
    throw new FormTooLarge(limit);
  }
  const bytes = await readCapped(request.body, limit, () => new FormTooLarge(limit));
  const form = await new Response(bytes, { headers: { "content-type": type } }).formData();
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** The 413 answer for a form that was too large (an htmx fragment or a page), or undefined for other errors. */
export function formTooLargeAnswer(request: Request, error: unknown, logoMaxBytes: number): Response | undefined {
  const cause = error instanceof FormTooLarge ? error : (error as { cause?: unknown } | undefined)?.cause;
  if (!(cause instanceof FormTooLarge)) return undefined;
  const message = `The form was larger than ${(cause.limit / 1_000_000).toFixed(1)} MB, so it was not read and nothing was saved. A logo may be at most ${(logoMaxBytes / 1_000_000).toFixed(1)} MB: choose a smaller file and send the form again.`;
  const notice = `<div class="notice notice-error" role="alert">${message}</div>`;
  if (isHtmx(request)) return htmlPage(notice, 413);
  return htmlPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Upload too large</title><link rel="stylesheet" href="/public/app.css"></head><body><main>${notice}<p><a href="/webapps">Back to your web apps</a></p></main></body></html>`,
    413,
  );
}
