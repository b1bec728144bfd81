/** Pantry Pal: a meal-planning app's landing page with og tags, nav, testimonials and pricing. */
export const PANTRY_HOME = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8"><title>Pantry Pal – Dinner plans from what's in your fridge</title>
<meta name="description" content="Pantry Pal turns what is already in your fridge into a week of dinners.">
<meta property="og:title" content="Pantry Pal"><meta property="og:site_name" content="Pantry Pal">
<meta property="og:description" content="Pantry Pal turns what is already in your fridge into a week of dinners. Scan your groceries and get a plan in minutes.">
<script>window.dataLayer = [{ price: "$999" }];</script>
<style>.hero { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/features">Features</a> <a href="/pricing">Pricing</a> <a href="/about">About</a> <a href="/login">Log in</a> <a href="/private/roadmap">Roadmap</a></nav></header>
<main>
<h1>Dinner, sorted. From what you already have.</h1>
<p>Built for busy parents who would rather cook than plan. Scan your groceries and Pantry Pal does the rest.</p>
<ul class="features">
  <li>Weekly meal plans built from what you already have</li>
  <li>Shopping lists sorted by supermarket aisle</li>
  <li>Barcode scanning for groceries</li>
</ul>
<section class="proof"><p>Trusted by 12,000 home cooks across Europe.</p>
<blockquote>"We throw away half as much food now." — Maria, mother of three</blockquote></section>
<a href="/signup" class="cta">Start free</a> <a href="/static/app.css">css</a> <a href="https://elsewhere.example/">partner</a>
</main>
<footer><a href="/terms">Terms</a> <p>© 2026 Pantry Pal Ltd. 1 Market Street.</p></footer>
</body></html>`;

/** Pantry Pal's features page. */
export const PANTRY_FEATURES = `<!doctype html><html><head><title>Features · Pantry Pal</title></head><body>
<h1>Features</h1>
<h2>Leftover alerts before food goes off</h2><p>We remind you to use the spinach on Tuesday, not to bin it on Friday.</p>
<h2>Family-sized portions</h2><p>Plans scale to the people at your table.</p>
<ul><li>Works offline in the supermarket</li><li>Import recipes from any website</li></ul>
</body></html>`;

/** Pantry Pal's pricing page. */
export const PANTRY_PRICING = `<!doctype html><html><head><title>Pricing · Pantry Pal</title></head><body>
<h1>Simple pricing</h1><p>Start on the Free plan. Upgrade to Family for $4.99/month, billed yearly.</p>
<ul><li>Free plan: 1 plan a week</li><li>Family: unlimited plans for $4.99/month</li></ul>
</body></html>`;

/** Pantry Pal's about page. */
export const PANTRY_ABOUT = `<!doctype html><html><head><title>About us</title></head><body><h1>About</h1><p>We are two parents who hated wasting food.</p></body></html>`;

/** A page robots.txt forbids: research must never read it. */
export const PANTRY_PRIVATE = `<!doctype html><html><body><h1>Secret roadmap</h1><ul><li>Winner of the Golden Spoon award 2027</li></ul></body></html>`;

/** Pantry Pal's robots.txt. */
export const PANTRY_ROBOTS = `User-agent: *\nDisallow: /private/\n\nUser-agent: BadBot\nDisallow: /\n`;

/** Pantry Pal's Atom blog feed. */
export const PANTRY_ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pantry Pal blog</title>
<entry><title>Five dinners from one roast chicken</title><link rel="alternate" href="/blog/roast-chicken"/><updated>2026-02-27T09:00:00Z</updated></entry>
<entry><title type="html"><![CDATA[Why we <em>love</em> frozen peas]]></title><link href="https://pantry.example/blog/peas"/><updated>2026-02-20T09:00:00Z</updated></entry>
</feed>`;

/** An RSS 2.0 feed. */
export const PANTRY_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
<item><title>Pantry Pal now scans receipts</title><link>https://pantry.example/news/receipts</link><pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate></item>
<item><title>Spring recipes are here &amp; they're green</title><link>https://pantry.example/news/spring</link><pubDate>Sun, 01 Mar 2026 08:00:00 GMT</pubDate></item>
</channel></rss>`;

/** Ledgerly: a bookkeeping tool with no og tags and no meta description. */
export const LEDGERLY_HOME = `<html><head><title>Ledgerly | Bookkeeping for freelancers</title></head><body>
<h1>Bookkeeping that does itself</h1>
<p>Ledgerly connects to your bank, sorts every expense and gets your tax return ready. Made for independent freelancers.</p>
<h3>Automatic expense categories</h3><h3>Quarterly tax estimates</h3><h3>Invoices with payment links</h3>
<p>Rated 4.8 stars from 900 reviews.</p>
</body></html>`;
