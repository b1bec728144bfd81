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

/** Paths and what they serve; see the table in the function body. */
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
    case "/data.json":
      return Response.json({ hello: "world" });
    case "/no-type":
      return new Response(new Blob(["just bytes"]), { headers: { "content-type": "" } });
    case "/huge":
      return hugeStream(Number(u.searchParams.get("mb") ?? 8));
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
function hugeStream(mb: number): Response {
  const chunk = new TextEncoder().encode("<p>" + "lorem ipsum ".repeat(5000) + "</p>\n");
  let sent = 0;
  const stream = new ReadableStream({
    pull(c) {
      if (sent >= mb * 1_000_000) return c.close();
      c.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
  return new Response(stream, { headers: { "content-type": "text/html; charset=utf-8" } });
}
