import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import sharp from "sharp";
import { join } from "node:path";
import { createApp } from "../../src/server/app";
import { findWebapp, listWebapps } from "../../src/webapps/store";
import { FORM_FIELDS_BYTES } from "../../src/webapps/upload";
import { makeTestContext } from "../support/context";
import { PNG_1X1 } from "../sites/pages";
import { startTestSites, type TestSites } from "../sites/server";
import { browserFor, form, signIn, type SignedInUser } from "./signed-in";

let sites: TestSites;
beforeAll(() => {
  sites = startTestSites();
});
afterAll(() => sites.stop());

let ctx: ReturnType<typeof makeTestContext>;
let alice: SignedInUser;
let browser: ReturnType<typeof browserFor>;
beforeEach(() => {
  ctx = makeTestContext({ AMARKTAI_FETCH_TIMEOUT_MS: "500", AMARKTAI_FETCH_MAX_BYTES: "200000", AMARKTAI_WEBAPPS_LOGO_MAX_BYTES: "20000" });
  alice = signIn(ctx, "alice@example.com", "Alice");
  browser = browserFor(ctx, alice);
});
afterEach(() => ctx.cleanup());

const typed = (url: string): [string, string][] => [
  ["url", url],
  ["audience", "Managers who plan weekly"],
  ["voice", "Calm & friendly"],
  ["keywords", "planning, focus"],
  ["callToAction", "Start free"],
  ["platforms", "linkedin"],
  ["platforms", "x"],
  ["feeds", "https://blog.example/feed.xml"],
  ["utmCampaign", "spring"],
  ["brandColorOn", "0"],
  ["brandColor_0", "#112233"],
  ["active", "1"],
];

function expectKeptTyped(html: string, url: string) {
  expect(html).toContain(`value="${url.replace(/&/g, "&amp;")}"`);
  expect(html).toContain("Managers who plan weekly</textarea>");
  expect(html).toContain("Calm &amp; friendly</textarea>");
  expect(html).toContain('value="planning, focus"');
  expect(html).toContain('value="Start free"');
  expect(html).toContain('value="spring"');
  expect(html).toContain('value="#112233"');
  expect(html).toContain("https://blog.example/feed.xml</textarea>");
  expect(html).toMatch(/value="linkedin" checked/);
  expect(html).toMatch(/value="x" checked/);
  expect(html).not.toMatch(/value="tiktok" checked/);
}

describe("add -> edit -> delete", () => {
  test("a plain (no JS) add pre-fills from the page, lets typed fields win, and lists the app", async () => {
    const res = await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["description", "Our own words."]]));
    expect(res.status).toBe(303);
    const [w] = listWebapps(ctx.db, alice.user.id);
    expect(res.headers.get("location")).toBe(`/webapps?added=${w!.id}`);
    expect(w).toMatchObject({
      url: sites.url("/tasktide"),
      name: "TaskTide",
      description: "Our own words.",
      // The test site is on loopback: image addresses there are not kept (the owner's browser would load them).
      ogImageUrl: "",
      faviconUrl: "",
      themeColor: "#0f766e",
      audience: "Managers who plan weekly",
      keywords: ["planning", "focus"],
      brandColors: ["#112233"],
      platforms: ["linkedin", "x"],
      feeds: ["https://blog.example/feed.xml"],
      utmCampaign: "spring",
      active: true,
    });
    const list = await (await browser.get(res.headers.get("location")!)).text();
    expect(list).toContain("Added &quot;TaskTide&quot;.");
    expect(list).not.toContain(`src="${sites.url("/static/icon-32.png")}"`);
    expect(list).toContain("LinkedIn");
    expect(list).toContain("Active");
  });

  test("htmx add answers HX-Redirect; edit saves and re-renders; delete asks first, then deletes", async () => {
    const added = await browser.htmx("/webapps", form(typed(sites.url("/recipes"))));
    expect(added.status).toBe(200);
    const id = listWebapps(ctx.db, alice.user.id)[0]!.id;
    expect(added.headers.get("hx-redirect")).toBe(`/webapps?added=${id}`);
    expect(findWebapp(ctx.db, alice.user.id, id)!.name).toBe("Recipe Box & Friends");

    const editPage = await (await browser.get(`/webapps/${id}/edit`)).text();
    expect(editPage).toContain("Recipe Box &amp; Friends");
    expect(editPage).toContain(`href="/webapps/${id}/delete"`);
    // The web app's runs and "Generate now" are reachable from its page and from the list.
    expect(editPage).toContain(`<a href="/webapps/${id}/runs">Runs</a>`);
    expect(editPage).toContain(`<form method="post" action="/webapps/${id}/runs">`);
    expect(editPage).toContain("Generate now");
    expect(await (await browser.get("/webapps")).text()).toContain(`<a href="/webapps/${id}/runs">Runs</a>`);
    expect((await browser.get(`/webapps/${id}/runs`)).status).toBe(200);

    const saved = await browser.htmx(
      `/webapps/${id}`,
      form([
        ["url", sites.url("/recipes")],
        ["name", "Recipe Box"],
        ["description", "Cook together."],
        ["platforms", "tiktok"],
        ["utmSource", "{platform}"],
      ]),
    );
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toStartWith('<form id="webapp-form"');
    expect(savedHtml).toContain("Saved.");
    const after = findWebapp(ctx.db, alice.user.id, id)!;
    expect(after).toMatchObject({ name: "Recipe Box", description: "Cook together.", platforms: ["tiktok"], active: false, audience: "" });

    const confirm = await browser.get(`/webapps/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain("Delete <strong>Recipe Box</strong>");
    expect(findWebapp(ctx.db, alice.user.id, id)).toBeDefined();
    const del = await browser.post(`/webapps/${id}/delete`, form([]));
    expect(del.status).toBe(303);
    expect(del.headers.get("location")).toBe("/webapps?deleted=1");
    expect(findWebapp(ctx.db, alice.user.id, id)).toBeUndefined();
  });

  test("a changed URL on edit is fetched again; a bad one is refused and the form keeps the edit", async () => {
    await browser.post("/webapps", form(typed(sites.url("/tasktide"))));
    const id = listWebapps(ctx.db, alice.user.id)[0]!.id;
    const res = await browser.post(`/webapps/${id}`, form([...typed(sites.url("/image.png")), ["name", "Renamed"]]));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("is not a web page");
    expect(html).toContain('value="Renamed"');
    expectKeptTyped(html, sites.url("/image.png"));
    expect(findWebapp(ctx.db, alice.user.id, id)!.name).toBe("TaskTide");
    const ok = await browser.post(`/webapps/${id}`, form([...typed(sites.url("/redirect")), ["name", "Renamed"]]));
    expect(ok.status).toBe(200);
    expect(findWebapp(ctx.db, alice.user.id, id)!.url).toBe(sites.url("/redirect"));
  });

  test("Fetch details on the edit form refreshes the page's details without saving", async () => {
    await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["name", "Old name"]]));
    const w = listWebapps(ctx.db, alice.user.id)[0]!;
    const res = await browser.htmx(`/webapps/${w.id}/fetch`, form([...typed(sites.url("/invoicely/")), ["name", "Old name"]]));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`action="/webapps/${w.id}"`);
    expect(html).toContain('name="name" value="Invoicely"');
    expectKeptTyped(html, sites.url("/invoicely/"));
    expect(findWebapp(ctx.db, alice.user.id, w.id)!.name).toBe("Old name");
  });

  test("the same URL twice is refused with a pointer to the existing app", async () => {
    await browser.post("/webapps", form(typed(sites.url("/tasktide"))));
    const res = await browser.post("/webapps", form(typed(sites.url("/tasktide"))));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("You already added");
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(1);
  });

  test("business rules refuse with the field's message and keep what was typed", async () => {
    const res = await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["utmMedium", "has spaces"]]));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("UTM medium may only use letters");
    expect(html).toContain('aria-invalid="true"');
    expectKeptTyped(html, sites.url("/tasktide"));
  });
});

describe("Fetch details", () => {
  test("htmx gets the form fragment pre-filled; typed fields stay", async () => {
    const res = await browser.htmx("/webapps/new/fetch", form(typed(sites.url("/tasktide"))));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toStartWith('<form id="webapp-form"');
    expect(html).toContain('name="name" value="TaskTide"');
    expect(html).toContain("TaskTide turns a messy backlog");
    expect(html).not.toContain(sites.url("/static/og-card.png"));
    expect(html).toContain('name="themeColor" value="#0f766e"');
    expectKeptTyped(html, sites.url("/tasktide"));
  });

  test("without JS the whole page comes back, and discovered feeds fill an empty feed box", async () => {
    const res = await browser.post("/webapps/new/fetch", form([["url", sites.url("/tasktide")]]));
    const html = await res.text();
    expect(html).toStartWith("<!doctype html>");
    expect(html).toContain(`${sites.url("/feed.xml")}</textarea>`);
  });

  const badUrls: [string, () => string, RegExp][] = [
    ["malformed", () => "not-a-url", /is not a web address we can fetch/],
    ["unreachable", () => "http://127.0.0.1:9/", /could not reach 127\.0\.0\.1:9/],
    ["slow", () => sites.url("/slow?ms=3000"), /took longer than 0\.5 s to answer/],
    ["huge", () => sites.url("/huge?mb=2"), /is larger than 200 kB/],
    ["not HTML", () => sites.url("/data.json"), /not a web page: it returned application\/json/],
    ["missing page", () => sites.url("/missing"), /answered 404/],
    ["redirect loop", () => sites.url("/loop-a"), /redirected more than 5 times/],
  ];
  for (const [label, url, message] of badUrls) {
    test(`a ${label} URL gives its message and keeps the typed values (fetch, htmx save and plain save)`, async () => {
      for (const send of [
        () => browser.htmx("/webapps/new/fetch", form(typed(url()))),
        () => browser.htmx("/webapps", form(typed(url()))),
        () => browser.post("/webapps", form(typed(url()))),
      ]) {
        const res = await send();
        expect(res.status).toBe(422);
        const html = await res.text();
        expect(html).toMatch(message);
        expect(html).toContain('id="url-error"');
        expectKeptTyped(html, url());
      }
      expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
    });
  }
});

describe("logos", () => {
  async function addWithLogo(file: File) {
    return browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["logo", file]]));
  }

  test("a PNG is stored under the user's logo folder and served only to its owner", async () => {
    expect((await addWithLogo(new File([PNG_1X1], "logo.png", { type: "image/png" }))).status).toBe(303);
    const w = listWebapps(ctx.db, alice.user.id)[0]!;
    expect(w.logoPath).toMatch(new RegExp(`^${alice.user.id}/logos/[0-9a-f-]+\\.png$`));
    expect(existsSync(join(ctx.config.storage.media_dir, w.logoPath))).toBeTrue();
    const res = await browser.get(`/webapps/${w.id}/logo`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG_1X1);
    const bob = browserFor(ctx, signIn(ctx, "bob@example.com"));
    expect((await bob.get(`/webapps/${w.id}/logo`)).status).toBe(404);

    await browser.post(`/webapps/${w.id}`, form([...typed(w.url), ["name", "TaskTide"], ["removeLogo", "1"]]));
    expect(findWebapp(ctx.db, alice.user.id, w.id)!.logoPath).toBe("");
    expect(existsSync(join(ctx.config.storage.media_dir, w.logoPath))).toBeFalse();
  });

  test("an SVG is served with a sandboxing CSP; deleting the app removes the file", async () => {
    const svg = `<?xml version="1.0"?>\n<!-- logo --><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`;
    expect((await addWithLogo(new File([svg], "logo.svg", { type: "image/svg+xml" }))).status).toBe(303);
    const w = listWebapps(ctx.db, alice.user.id)[0]!;
    const res = await browser.get(`/webapps/${w.id}/logo`);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("content-security-policy")).toContain("sandbox");
    await browser.post(`/webapps/${w.id}/delete`, form([]));
    expect(existsSync(join(ctx.config.storage.media_dir, w.logoPath))).toBeFalse();
  });

  test("a file that only claims to be an image, or is too large, is refused and nothing is stored", async () => {
    let res = await addWithLogo(new File(["<html>not an image</html>"], "logo.png", { type: "image/png" }));
    expect(res.status).toBe(422);
    let html = await res.text();
    expect(html).toContain("The logo &quot;logo.png&quot; is not a PNG, JPEG, SVG or WebP image");
    expectKeptTyped(html, sites.url("/tasktide"));
    const big = new Uint8Array(30_000);
    big.set(PNG_1X1);
    res = await addWithLogo(new File([big], "big.png", { type: "image/png" }));
    expect(res.status).toBe(422);
    html = await res.text();
    expect(html).toContain("the limit is 0.0 MB".replace("0.0", (20000 / 1_000_000).toFixed(1)));
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
    expect(
      existsSync(join(ctx.config.storage.media_dir, String(alice.user.id), "logos"))
        ? (await Array.fromAsync(new Bun.Glob("*").scan(join(ctx.config.storage.media_dir, String(alice.user.id), "logos")))).length
        : 0,
    ).toBe(0);
  });
});

describe("logo pixel size", () => {
  test("a logo wider or taller than 4096 pixels is refused with its size, small files included", async () => {
    // 30000 x 30000 in a few hundred bytes: accepted before, then every render of the app failed.
    const hugeSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="30000" height="30000"><rect width="10" height="10"/></svg>`;
    const widePng = await sharp({ create: { width: 5000, height: 8, channels: 3, background: "#123456" } })
      .png()
      .toBuffer();
    for (const [file, size] of [
      [new File([hugeSvg], "huge.svg", { type: "image/svg+xml" }), "30000 x 30000"],
      [new File([widePng], "wide.png", { type: "image/png" }), "5000 x 8"],
    ] as const) {
      const res = await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["logo", file]]));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`is ${size} pixels; the limit is 4096 x 4096`);
    }
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
    const fine = await sharp({ create: { width: 4096, height: 16, channels: 3, background: "#123456" } })
      .png()
      .toBuffer();
    const ok = await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["logo", new File([fine], "ok.png")]]));
    expect(ok.status).toBe(303);
  });
});

describe("upload size while streaming", () => {
  test("a 100 MB form body is refused with 413 after reading little more than the limit, and nothing is stored", async () => {
    const limit = ctx.config.webapps.logo_max_bytes + FORM_FIELDS_BYTES;
    const chunk = new Uint8Array(64 * 1024);
    let pulled = 0;
    // A lazy body: each chunk is made only when the server asks for it, so `pulled` is what the server read.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 100_000_000) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await createApp(ctx).handle(
      new Request("http://localhost:3000/webapps", {
        method: "POST",
        body,
        // @ts-expect-error Bun's Request takes duplex for streamed bodies
        duplex: "half",
        headers: { cookie: alice.cookie, "x-csrf-token": alice.csrf, "content-type": "multipart/form-data; boundary=xyz" },
      }),
    );
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("nothing was saved");
    expect(pulled).toBeLessThan(limit + 4 * chunk.byteLength);
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
  });

  test("a declared Content-Length over the limit is refused before the body is read", async () => {
    const res = await browser.post("/webapps", form([["url", sites.url("/tasktide")]]), {
      "content-length": String(50_000_000),
    });
    expect(res.status).toBe(413);
  });
});

describe("tenancy and guards", () => {
  test("every web-app route answers 404 for someone else's web app, and changes nothing", async () => {
    await browser.post("/webapps", form([...typed(sites.url("/tasktide")), ["logo", new File([PNG_1X1], "l.png")]]));
    const w = listWebapps(ctx.db, alice.user.id)[0]!;
    const bob = browserFor(ctx, signIn(ctx, "bob@example.com", "Bob"));
    const attempts = [
      () => bob.get(`/webapps/${w.id}/edit`),
      () =>
        bob.post(
          `/webapps/${w.id}`,
          form([
            ["url", w.url],
            ["name", "Hijacked"],
          ]),
        ),
      () =>
        bob.htmx(
          `/webapps/${w.id}`,
          form([
            ["url", w.url],
            ["name", "Hijacked"],
          ]),
        ),
      () => bob.htmx(`/webapps/${w.id}/fetch`, form([["url", w.url]])),
      () => bob.get(`/webapps/${w.id}/delete`),
      () => bob.post(`/webapps/${w.id}/delete`, form([])),
      () => bob.get(`/webapps/${w.id}/logo`),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain("does not exist, or it is not yours");
      expect(html).not.toContain("TaskTide");
    }
    expect(await (await bob.get("/webapps")).text()).not.toContain("TaskTide");
    expect(findWebapp(ctx.db, alice.user.id, w.id)).toEqual(w);
  });

  test("unknown and malformed ids are 404 too", async () => {
    expect((await browser.get("/webapps/999/edit")).status).toBe(404);
    expect((await browser.get("/webapps/abc/edit")).status).toBe(404);
  });

  test("a state change without the CSRF token is refused", async () => {
    const app = (await import("../../src/server/app")).createApp(ctx);
    const res = await app.handle(
      new Request("http://localhost:3000/webapps", {
        method: "POST",
        body: form(typed(sites.url("/tasktide"))),
        headers: { cookie: alice.cookie },
      }),
    );
    expect(res.status).toBe(403);
    expect(listWebapps(ctx.db, alice.user.id)).toHaveLength(0);
  });

  test("signed out, web-app pages redirect to the login page", async () => {
    const app = (await import("../../src/server/app")).createApp(ctx);
    const res = await app.handle(new Request("http://localhost:3000/webapps"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fwebapps");
  });

  test("names read from a page are escaped when shown", async () => {
    await browser.post(
      "/webapps",
      form([
        ["url", sites.url("/tasktide")],
        ["name", `<script>alert("x")</script>`],
      ]),
    );
    const html = await (await browser.get("/webapps")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert");
  });
});
