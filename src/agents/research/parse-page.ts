import { stripControlChars } from "../../lib/control-chars";
/** What one HTML page says, read with Bun's HTMLRewriter (no scripts run, no styles read). */
export interface PageText {
  url: string;
  title: string;
  description: string;
  ogTitle: string;
  ogDescription: string;
  siteName: string;
  /** The page's meta keywords, when it has them. */
  keywords: string[];
  headings: string[];
  paragraphs: string[];
  listItems: string[];
  quotes: string[];
  links: string[];
  /** The page asks robots not to index or follow it. */
  noindex: boolean;
}

const BLOCKS = ["h1", "h2", "h3", "p", "li", "blockquote", "title"] as const;
type Block = (typeof BLOCKS)[number];

/** Reads the visible text blocks, meta tags and links of an HTML page. */
export async function parsePage(html: string, url: string): Promise<PageText> {
  const out: PageText = {
    url,
    title: "",
    description: "",
    ogTitle: "",
    ogDescription: "",
    siteName: "",
    keywords: [],
    headings: [],
    paragraphs: [],
    listItems: [],
    quotes: [],
    links: [],
    noindex: false,
  };
  const stack: { tag: Block; text: string }[] = [];
  let skipDepth = 0;
  const rw = new HTMLRewriter()
    .on("meta", {
      element(el) {
        const key = (el.getAttribute("property") ?? el.getAttribute("name") ?? "").toLowerCase();
        const content = clean(el.getAttribute("content") ?? "");
        if (key === "description") out.description = content;
        else if (key === "og:title") out.ogTitle = content;
        else if (key === "og:description") out.ogDescription = content;
        else if (key === "og:site_name") out.siteName = content;
        else if (key === "keywords")
          out.keywords = content
            .split(",")
            .map((k) => k.trim())
            .filter(Boolean);
        else if (key === "robots" && /noindex/i.test(content)) out.noindex = true;
      },
    })
    .on("a[href]", {
      element(el) {
        const href = el.getAttribute("href") ?? "";
        try {
          out.links.push(new URL(href, url).toString());
        } catch {
          // an unparseable href is not a page we can follow
        }
      },
    })
    .on("script, style, noscript, svg, template, nav, footer", {
      element(el) {
        skipDepth++;
        el.onEndTag(() => {
          skipDepth--;
        });
      },
    })
    .on(BLOCKS.join(", "), {
      element(el) {
        const entry = { tag: el.tagName.toLowerCase() as Block, text: "" };
        stack.push(entry);
        el.onEndTag(() => {
          stack.splice(stack.indexOf(entry), 1);
          store(out, entry.tag, clean(entry.text));
        });
      },
      text(t) {
        if (skipDepth > 0 || stack.length === 0) return;
        stack[stack.length - 1]!.text += t.text;
      },
    });
  // HTMLRewriter text chunks arrive for the innermost matched element; nested inline tags are not blocks, so their text joins the parent.
  await rw.transform(new Response(html)).text();
  return out;
}

function store(out: PageText, tag: Block, text: string) {
  if (!text) return;
  if (tag === "title") out.title ||= text;
  else if (tag === "h1" || tag === "h2" || tag === "h3") out.headings.push(text);
  else if (tag === "p") out.paragraphs.push(text);
  else if (tag === "li") out.listItems.push(text);
  else if (tag === "blockquote") out.quotes.push(text);
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  "#39": "'",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  ldquo: "“",
  rdquo: "”",
  euro: "€",
  pound: "£",
};

/** Drops control and bidi characters, collapses whitespace and decodes the common HTML entities. */
export function clean(s: string): string {
  // Stripped after decoding: "&#8238;" is an RLO too.
  const decoded = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return stripControlChars(decoded).replace(/\s+/g, " ").trim();
}
