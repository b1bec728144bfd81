/** What a landing page says about itself, for pre-filling a web app. Empty strings when absent. */
export interface PageMetadata {
  name: string;
  description: string;
  ogImageUrl: string;
  themeColor: string;
  faviconUrl: string;
  /** RSS/Atom feeds the page links to (absolute URLs). */
  feeds: string[];
}

interface Found {
  ogSiteName?: string;
  ogTitle?: string;
  title: string;
  inTitle: boolean;
  ogDescription?: string;
  metaDescription?: string;
  ogImage?: string;
  themeColor?: string;
  icons: { rel: string; href: string }[];
  feeds: string[];
}

/** Extracts name, description, og:image, theme colour, favicon and feeds from an HTML page fetched from `pageUrl`. */
export async function extractMetadata(html: string, pageUrl: string): Promise<PageMetadata> {
  const f: Found = { title: "", inTitle: false, icons: [], feeds: [] };
  const rewriter = new HTMLRewriter()
    .on("meta", { element: (el) => readMeta(f, el) })
    .on("link", { element: (el) => readLink(f, el) })
    .on("title", {
      element(el) {
        if (f.title) return;
        f.inTitle = true;
        el.onEndTag(() => {
          f.inTitle = false;
        });
      },
      text(t) {
        if (f.inTitle) f.title += t.text;
      },
    });
  await rewriter.transform(new Response(html)).text();
  return {
    name: clean(f.ogSiteName) || clean(f.ogTitle) || clean(f.title),
    description: clean(f.ogDescription) || clean(f.metaDescription),
    ogImageUrl: absolute(f.ogImage, pageUrl),
    themeColor: clean(f.themeColor),
    faviconUrl: pickIcon(f.icons, pageUrl),
    feeds: [...new Set(f.feeds.map((h) => absolute(h, pageUrl)).filter(Boolean))],
  };
}

function readMeta(f: Found, el: HTMLRewriterTypes.Element): void {
  const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? "").trim().toLowerCase();
  const content = el.getAttribute("content");
  if (content === null) return;
  const first = (k: keyof Found) => {
    if ((f as unknown as Record<string, unknown>)[k] === undefined) (f as unknown as Record<string, unknown>)[k] = content;
  };
  if (key === "og:site_name") first("ogSiteName");
  else if (key === "og:title") first("ogTitle");
  else if (key === "og:description") first("ogDescription");
  else if (key === "description") first("metaDescription");
  else if (key === "og:image" || key === "og:image:url" || key === "og:image:secure_url") first("ogImage");
  else if (key === "theme-color") first("themeColor");
}

function readLink(f: Found, el: HTMLRewriterTypes.Element): void {
  const rel = (el.getAttribute("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const href = el.getAttribute("href")?.trim();
  if (!href) return;
  if (rel.includes("icon") || rel.includes("apple-touch-icon") || rel.includes("apple-touch-icon-precomposed")) {
    f.icons.push({ rel: rel.join(" "), href });
  }
  const type = (el.getAttribute("type") ?? "").toLowerCase();
  if (rel.includes("alternate") && (type === "application/rss+xml" || type === "application/atom+xml")) f.feeds.push(href);
}

// A plain `icon` is what browsers show in tabs; the apple-touch-icon is the larger fallback.
function pickIcon(icons: { rel: string; href: string }[], pageUrl: string): string {
  const plain = icons.find((i) => i.rel.split(" ").includes("icon"));
  const chosen = plain ?? icons[0];
  return chosen ? absolute(chosen.href, pageUrl) : absolute("/favicon.ico", pageUrl);
}

function absolute(href: string | undefined, base: string): string {
  if (!href?.trim()) return "";
  try {
    const u = new URL(decodeEntities(href.trim()), base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : "";
  } catch {
    return "";
  }
}

function clean(s: string | undefined): string {
  return decodeEntities(s ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

// HTMLRewriter hands text and attribute values over raw, with entities still encoded.
function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", mdash: "—", ndash: "–", copy: "©" };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return named[e.toLowerCase()] ?? m;
  });
}
