/** Realistic landing pages served by the local test sites (tests/sites/server.ts). */

/** A complete landing page with Open Graph tags, theme colour, icons and a feed link. */
export const TASKTIDE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>TaskTide — calm task planning for small teams</title>
  <meta name="description" content="Plain meta description that og:description should override.">
  <meta property="og:site_name" content="TaskTide">
  <meta property="og:title" content="TaskTide: plan the week in ten minutes">
  <meta property="og:description" content="TaskTide turns a messy backlog into a calm weekly plan your whole team can see.">
  <meta property="og:image" content="/static/og-card.png">
  <meta name="theme-color" content="#0f766e">
  <link rel="apple-touch-icon" href="/static/apple-touch-icon.png">
  <link rel="icon" type="image/png" href="/static/icon-32.png" sizes="32x32">
  <link rel="alternate" type="application/rss+xml" title="TaskTide blog" href="/feed.xml">
  <link rel="stylesheet" href="/static/site.css">
</head>
<body>
  <header><nav><a href="/">TaskTide</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></nav></header>
  <main>
    <h1>Plan the week in ten minutes</h1>
    <p>Drag your backlog in, and TaskTide suggests a calm, realistic plan for everyone.</p>
    <a class="cta" href="/signup">Start free</a>
  </main>
  <footer>&copy; 2026 TaskTide</footer>
</body>
</html>`;

/** A page with only a <title> and a meta description: no Open Graph, no icons. */
export const RECIPE_BOX_HTML = `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>  Recipe Box &amp; Friends  </title>
<meta name="Description" content="Save recipes from anywhere &amp; cook them with friends.">
</head>
<body><h1>Recipe Box</h1><p>Your recipes, one box.</p></body>
</html>`;

/** A page with og:title (no og:site_name), an absolute og:image and a shortcut icon. */
export const INVOICELY_HTML = `<html><head>
<meta property="og:title" content="Invoicely">
<meta property="og:image" content="https://cdn.invoicely.example/og.png">
<link rel="shortcut icon" href="favicon-16.ico">
<meta name="theme-color" content="rgb(30, 64, 175)">
<title>Invoicely | Invoices in a minute</title>
</head><body><p>Invoices in a minute.</p></body></html>`;

/** A page with no title and no meta tags at all. */
export const BARE_HTML = `<!doctype html><html><head></head><body><p>Coming soon.</p></body></html>`;

/** An RSS 2.0 feed. */
export const FEED_XML = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>TaskTide blog</title><link>https://tasktide.example/</link>
<description>News</description>
<item><title>Weekly planning, explained</title><link>https://tasktide.example/blog/weekly</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;

/** A 1x1 PNG. */
export const PNG_1X1 = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);
