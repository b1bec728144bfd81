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
  /** The html element's lang attribute ("fr", "de-DE"), empty when absent. */
  lang: string;
  /** Every text block in page order with the card or table cell it sits in (how plans and testimonials are read). */
  blocks: TextBlock[];
}

/** One text block of a page and where it sits. */
export interface TextBlock {
  tag: Block;
  text: string;
  /** The innermost card (article, figure, or an element whose class names a plan, tier or testimonial); 0 outside any. */
  card: number;
  /** For table cells (and blocks inside them): the table, row and column. */
  cell?: { table: number; row: number; col: number };
  /** Inside a blockquote. */
  quote: boolean;
}

const BLOCKS = ["h1", "h2", "h3", "h4", "p", "li", "blockquote", "title", "figcaption", "cite", "footer", "td", "th"] as const;
type Block = (typeof BLOCKS)[number];
const CARDS =
  'article, figure, [class*="plan"], [class*="tier"], [class*="pricing-card"], [class*="testimonial"], [class*="review"], [class*="quote"]';

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
    lang: "",
    blocks: [],
  };
  const stack: { tag: Block; text: string; card: number; cell?: TextBlock["cell"]; quote: boolean }[] = [];
  const cards: number[] = [];
  let cardSeq = 0;
  const tables: { id: number; row: number; col: number }[] = [];
  let tableSeq = 0;
  let skipDepth = 0;
  const rw = new HTMLRewriter()
    .on("html", {
      element(el) {
        out.lang = (el.getAttribute("lang") ?? "").trim().toLowerCase();
      },
    })
    .on(CARDS, {
      element(el) {
        cards.push(++cardSeq);
        el.onEndTag(() => {
          cards.pop();
        });
      },
    })
    .on("table", {
      element(el) {
        tables.push({ id: ++tableSeq, row: -1, col: 0 });
        el.onEndTag(() => {
          tables.pop();
        });
      },
    })
    .on("tr", {
      element() {
        const t = tables.at(-1);
        if (t) {
          t.row++;
          t.col = 0;
        }
      },
    })
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
        // A quote's or a card's own footer names who said it; only the page's footer is boilerplate.
        if (el.tagName.toLowerCase() === "footer" && (cards.length > 0 || stack.some((e) => e.quote))) return;
        skipDepth++;
        el.onEndTag(() => {
          skipDepth--;
        });
      },
    })
    .on(BLOCKS.join(", "), {
      element(el) {
        const tag = el.tagName.toLowerCase() as Block;
        const t = tables.at(-1);
        const parent = stack.at(-1);
        const cell = (tag === "td" || tag === "th") && t ? { table: t.id, row: t.row, col: t.col++ } : parent?.cell;
        const quote = tag === "blockquote" || (parent?.quote ?? false);
        const entry = { tag, text: "", card: cards.at(-1) ?? 0, cell, quote };
        stack.push(entry);
        el.onEndTag(() => {
          stack.splice(stack.indexOf(entry), 1);
          const text = clean(entry.text);
          if (skipDepth > 0) return;
          store(out, entry.tag, text);
          if (text && entry.tag !== "title")
            out.blocks.push({ tag: entry.tag, text, card: entry.card, quote: entry.quote, ...(entry.cell ? { cell: entry.cell } : {}) });
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
  else if (tag === "h1" || tag === "h2" || tag === "h3" || tag === "h4") out.headings.push(text);
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
