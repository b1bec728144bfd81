import type { AppContext } from "../../src/app/context";
import { createApp } from "../../src/server/app";

/** One answer as tests read it: status, headers, body text. */
export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Where a redirect points: the Location header (303) or HX-Redirect (htmx). */
  location: string | null;
}

/** Options of one request. */
export interface RequestOptions {
  /** Send as htmx does (HX-Request header, CSRF token in X-CSRF-Token). */
  htmx?: boolean;
  /** Extra or overriding headers (e.g. a foreign Origin); a value of null removes a default header. */
  headers?: Record<string, string | null>;
  /** Leave out the CSRF token (form field and header). */
  noCsrf?: boolean;
}

/**
 * A small browser for route tests: sends requests through createApp(ctx).handle, keeps cookies,
 * remembers the last CSRF token seen in a page, and sends Origin/Sec-Fetch-Site like a browser.
 */
export class TestClient {
  readonly app: ReturnType<typeof createApp>;
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  readonly base: string;

  constructor(
    readonly ctx: AppContext,
    app?: ReturnType<typeof createApp>,
  ) {
    this.app = app ?? createApp(ctx);
    this.base = ctx.config.server.public_base_url;
  }

  /** GET a path (follows nothing: look at `location`). */
  get(path: string, opts: RequestOptions = {}): Promise<TestResponse> {
    return this.send("GET", path, undefined, opts);
  }

  /** POST a urlencoded form; adds `_csrf` (unless noCsrf) when a token is known. */
  post(path: string, fields: Record<string, string> = {}, opts: RequestOptions = {}): Promise<TestResponse> {
    const form = new URLSearchParams(fields);
    if (!opts.noCsrf && this.csrf && !opts.htmx && !("_csrf" in fields)) form.set("_csrf", this.csrf);
    return this.send("POST", path, form, opts);
  }

  /** POST a form the way htmx does (HX-Request, CSRF in the X-CSRF-Token header). */
  htmx(path: string, fields: Record<string, string> = {}, opts: RequestOptions = {}): Promise<TestResponse> {
    return this.post(path, fields, { ...opts, htmx: true });
  }

  /** The value of a cookie we hold. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Forgets every cookie and the CSRF token (a fresh browser). */
  reset(): void {
    this.cookies.clear();
    this.csrf = undefined;
  }

  private async send(method: string, path: string, body: URLSearchParams | undefined, opts: RequestOptions): Promise<TestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (method !== "GET") {
      headers.origin = new URL(this.base).origin;
      headers["sec-fetch-site"] = "same-origin";
    }
    if (body) headers["content-type"] = "application/x-www-form-urlencoded";
    if (opts.htmx) {
      headers["hx-request"] = "true";
      if (this.csrf && !opts.noCsrf) headers["x-csrf-token"] = this.csrf;
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      if (v === null) delete headers[k.toLowerCase()];
      else headers[k.toLowerCase()] = v;
    }
    const res = await this.app.handle(new Request(this.base + path, { method, headers, body }));
    this.keepCookies(res.headers);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? /&quot;X-CSRF-Token&quot;:&quot;([^&]+)&quot;/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: res.status, headers: res.headers, text, location: res.headers.get("location") ?? res.headers.get("hx-redirect") };
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
