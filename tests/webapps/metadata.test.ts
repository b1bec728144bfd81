import { expect, test } from "bun:test";
import { extractMetadata } from "../../src/webapps/metadata";
import { BARE_HTML, INVOICELY_HTML, RECIPE_BOX_HTML, TASKTIDE_HTML } from "../sites/pages";

test("Open Graph tags win over title and meta description; relative URLs are made absolute", async () => {
  const m = await extractMetadata(TASKTIDE_HTML, "https://tasktide.example/home");
  expect(m).toEqual({
    name: "TaskTide",
    description: "TaskTide turns a messy backlog into a calm weekly plan your whole team can see.",
    ogImageUrl: "https://tasktide.example/static/og-card.png",
    themeColor: "#0f766e",
    faviconUrl: "https://tasktide.example/static/icon-32.png",
    feeds: ["https://tasktide.example/feed.xml"],
  });
});

test("falls back to <title>, meta description and /favicon.ico", async () => {
  const m = await extractMetadata(RECIPE_BOX_HTML, "https://recipes.example/app/");
  expect(m.name).toBe("Recipe Box & Friends");
  expect(m.description).toBe("Save recipes from anywhere & cook them with friends.");
  expect(m.ogImageUrl).toBe("");
  expect(m.faviconUrl).toBe("https://recipes.example/favicon.ico");
  expect(m.feeds).toEqual([]);
});

test("og:title is used without og:site_name; shortcut icon relative to the page", async () => {
  const m = await extractMetadata(INVOICELY_HTML, "https://invoicely.example/en/");
  expect(m.name).toBe("Invoicely");
  expect(m.ogImageUrl).toBe("https://cdn.invoicely.example/og.png");
  expect(m.faviconUrl).toBe("https://invoicely.example/en/favicon-16.ico");
  expect(m.themeColor).toBe("rgb(30, 64, 175)");
});

test("a bare page yields empty fields and the default favicon", async () => {
  const m = await extractMetadata(BARE_HTML, "http://bare.example/x");
  expect(m.name).toBe("");
  expect(m.description).toBe("");
  expect(m.faviconUrl).toBe("http://bare.example/favicon.ico");
});

test("apple-touch-icon is used when there is no plain icon; javascript: URLs are dropped", async () => {
  const html = `<head><link rel="apple-touch-icon" href="/t.png"><meta property="og:image" content="javascript:alert(1)"><title>A &#38; B &#x26; C</title></head>`;
  const m = await extractMetadata(html, "https://a.example/");
  expect(m.faviconUrl).toBe("https://a.example/t.png");
  expect(m.ogImageUrl).toBe("");
  expect(m.name).toBe("A & B & C");
});
