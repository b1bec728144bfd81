import { BARE_HTML, FEED_XML, INVOICELY_HTML, PNG_1X1, RECIPE_BOX_HTML, TASKTIDE_HTML } from "./pages";

/** Local test web sites on 127.0.0.1 (random port): landing pages, slow, huge, redirecting and non-HTML URLs. */
export interface TestSites {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** The absolute URL of a path on the sites. */
  url(path: string): string;
  /** How many requests each path received. */
  hits: Map<string, number>;
  stop(): Promise<void>;
}

const html = (body: string, status = 200) => new Response(body, { status, headers: { "content-type": "text/html; charset=utf-8" } });

/**
 * Starts the local test sites on 127.0.0.1 (port 0). Paths:
 * - landing pages: `/` and `/tasktide` (full Open Graph, icons, feed link), `/recipes` (title + meta
 *   description only), `/invoicely/` (og:title, absolute og:image, relative shortcut icon), `/bare` (nothing)
 * - `/feed.xml` RSS; `/image.png`, `/favicon.ico`, `/static/*.png` PNGs; `/data.json` JSON; `/no-type` no content type
 * - `/huge?mb=N` streams N MB of HTML without Content-Length (`/static/huge.png?mb=N` the same as image/png); `/huge-declared` 2 MB with Content-Length
 * - `/slow?ms=N` answers after N ms (default 3000)
 * - `/redirect` -> `/tasktide`; `/to-image` -> `/static/og-card.png`; `/redirect-relative` -> `invoicely/`; `/loop-a` <-> `/loop-b` forever;
 *   `/to-metadata` -> 169.254.169.254; `/to-loopback-name` -> http://localhost:<port>/tasktide; `/to-ftp` -> ftp://
 * - `/latin1` an ISO-8859-1 page declared by <meta charset> only
 * - `/broken` 500; anything else 404
 */
export function startTestSites(): TestSites {
  const hits = new Map<string, number>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    idleTimeout: 30,
    async fetch(req) {
      const u = new URL(req.url);
      hits.set(u.pathname, (hits.get(u.pathname) ?? 0) + 1);
      return route(u);
    },
  });
  const origin = `http://127.0.0.1:${server.port}`;
  return { origin, url: (p) => origin + p, hits, stop: () => server.stop(true) };
}

async function route(u: URL): Promise<Response> {
  const p = u.pathname;
  switch (p) {
    case "/":
    case "/tasktide":
      return html(TASKTIDE_HTML);
    case "/recipes":
      return html(RECIPE_BOX_HTML);
    case "/invoicely/":
      return html(INVOICELY_HTML);
    case "/bare":
      return html(BARE_HTML);
    case "/feed.xml":
      return new Response(FEED_XML, { headers: { "content-type": "application/rss+xml" } });
    case "/static/og-card.png":
    case "/static/icon-32.png":
    case "/static/apple-touch-icon.png":
    case "/favicon.ico":
    case "/image.png":
      return new Response(PNG_1X1, { headers: { "content-type": "image/png" } });
    case "/latin1":
      // "Café Crème" in ISO-8859-1, declared only by the page's own meta tag.
      return new Response(
        Uint8Array.from(
          [...'<html><head><meta charset="iso-8859-1"><title>Caf\xe9 Cr\xe8me</title></head></html>'].map((c) => c.charCodeAt(0)),
        ),
        { headers: { "content-type": "text/html" } },
      );
    case "/data.json":
      return Response.json({ hello: "world" });
    case "/no-type":
      return new Response(new Blob(["just bytes"]), { headers: { "content-type": "" } });
    case "/huge":
      return hugeStream(Number(u.searchParams.get("mb") ?? 8));
    case "/static/huge.png":
      return hugeStream(Number(u.searchParams.get("mb") ?? 8), "image/png");
    case "/to-image":
      return Response.redirect(u.origin + "/static/og-card.png", 302);
    case "/huge-declared":
      return new Response("x".repeat(2_000_000), { headers: { "content-type": "text/html" } });
    case "/slow":
      await Bun.sleep(Number(u.searchParams.get("ms") ?? 3000));
      return html(TASKTIDE_HTML);
    case "/redirect":
      return Response.redirect(u.origin + "/tasktide", 302);
    case "/redirect-relative":
      return new Response(null, { status: 301, headers: { location: "invoicely/" } });
    case "/loop-a":
      return new Response(null, { status: 302, headers: { location: "/loop-b" } });
    case "/loop-b":
      return new Response(null, { status: 302, headers: { location: "/loop-a" } });
    case "/to-metadata":
      return new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } });
    case "/to-loopback-name":
      return new Response(null, { status: 302, headers: { location: `http://localhost:${u.port}/tasktide` } });
    case "/to-ftp":
      return new Response(null, { status: 302, headers: { location: "ftp://example.com/file" } });
    case "/broken":
      return html("<h1>Internal error</h1>", 500);
    default:
      return html("<h1>Not found</h1>", 404);
  }
}

/** Streams `mb` megabytes of HTML without a Content-Length, so only a streaming byte cap stops it. */
function hugeStream(mb: number, contentType = "text/html; charset=utf-8"): Response {
  const chunk = new TextEncoder().encode("<p>" + "lorem ipsum ".repeat(5000) + "</p>\n");
  let sent = 0;
  const stream = new ReadableStream({
    pull(c) {
      if (sent >= mb * 1_000_000) return c.close();
      c.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
  return new Response(stream, { headers: { "content-type": contentType } });
}
