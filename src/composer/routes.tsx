import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { toDatetimeLocal } from "../lib/zoned-time";
import { htmlPage } from "../http/errors";
import { FORM_FIELDS_BYTES, FormTooLarge, readFormCapped } from "../webapps/upload";
import { ComposerPage, type ComposerValues } from "../../views/composer/page";
import { listWebappNames } from "../content/store";
import { composePost } from "./create";
import { pickableMedia } from "./store";
import { parseHashtags, type FieldProblems } from "./validate";

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : []);

/** The form as typed (only strings; the file is taken apart). */
function formValues(body: Record<string, unknown>): ComposerValues {
  return {
    webappId: text(body.webappId),
    platforms: list(body.platforms),
    title: text(body.title),
    caption: text(body.caption),
    hashtags: text(body.hashtags),
    linkUrl: text(body.linkUrl),
    plannedAt: text(body.plannedAt),
    mediaFromItemId: text(body.mediaFromItemId),
  };
}

function page(ctx: AppContext, auth: NonNullable<Auth>, values: ComposerValues, problems?: FieldProblems) {
  return ComposerPage({
    user: auth.user,
    csrf: auth.session.csrfToken,
    unread: auth.unread,
    webapps: listWebappNames(ctx.db, auth.user.id),
    media: pickableMedia(ctx.db, auth.user.id),
    values,
    problems,
  });
}

// A form over the limit is refused while it streams in; the person is told the limit and that nothing was saved.
function tooLargeAnswer(error: unknown, max: number): Response | undefined {
  const cause = error instanceof FormTooLarge ? error : (error as { cause?: unknown } | undefined)?.cause;
  if (!(cause instanceof FormTooLarge)) return undefined;
  const notice = `<div class="notice notice-error" role="alert">The post was larger than ${(max / 1e6).toFixed(1)} MB with its file, so it was not read and nothing was saved. Choose a smaller image or video and send it again.</div>`;
  return htmlPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Upload too large</title><link rel="stylesheet" href="/public/app.css"></head><body><main>${notice}<p><a href="/compose">Back to the composer</a></p></main></body></html>`,
    413,
  );
}

/** /compose: the composer page and its form; a refused post comes back with its sentences (422), a saved one goes to approval. */
export function composerRoutes(ctx: AppContext) {
  // The form may carry a video: it is read with a byte limit while streaming, as the web app form reads a logo.
  const max = ctx.config.media.upload_max_bytes;
  const capped = {
    parse: ({ request }: { request: Request }) => readFormCapped(request, max + FORM_FIELDS_BYTES),
    error: ({ error }: { error: unknown }) => tooLargeAnswer(error, max),
  };
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/compose", ({ auth, query }) => {
      const a = auth!;
      const apps = listWebappNames(ctx.db, a.user.id);
      const start = new Date(ctx.clock.now().getTime() + 60 * 60_000);
      return page(ctx, a, {
        webappId: text(query.app) || String(apps[0]?.id ?? ""),
        platforms: [],
        title: "",
        caption: "",
        hashtags: "",
        linkUrl: "",
        plannedAt: toDatetimeLocal(start, a.user.timezone),
        mediaFromItemId: "",
      });
    })
    .post(
      "/compose",
      async ({ auth, body, request, set }) => {
        const a = auth!;
        const form = (body ?? {}) as Record<string, unknown>;
        const values = formValues(form);
        // Several files arrive in the order the page lists them (its reorder and remove rebuild the picker's list).
        const files = (Array.isArray(form.media) ? form.media : [form.media]).filter((f): f is File => f instanceof File);
        const fromItemId = /^\d{1,12}$/.test(values.mediaFromItemId) ? Number(values.mediaFromItemId) : undefined;
        const input = { ...values, webappId: Number(values.webappId) || 0, hashtags: parseHashtags(values.hashtags) };
        const result = await composePost(ctx, a.user, input, { files, fromItemId }, "web");
        if (result.ok) return redirect(request, `/approval?written=${result.itemIds.length}`);
        set.status = result.notFound ? 404 : 422;
        return page(ctx, a, values, result.problems);
      },
      capped,
    );
}
