import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { addWebapp } from "../../src/webapps/add";
import { editWebapp, removeWebapp } from "../../src/webapps/edit";
import { findWebapp } from "../../src/webapps/store";
import { createUser } from "../../src/users/store";
import { makeTestContext } from "../support/context";
import { startTestSites, type TestSites } from "../sites/server";

let sites: TestSites;
beforeAll(() => {
  sites = startTestSites();
});
afterAll(() => sites.stop());
let ctx: ReturnType<typeof makeTestContext>;
let userId: number;
beforeEach(() => {
  ctx = makeTestContext();
  userId = createUser(ctx.db, { email: "a@example.com", name: "A", passwordHash: "x", role: "admin", timezone: "UTC" }, ctx.clock.now()).id;
});
afterEach(() => ctx.cleanup());

test("addWebapp (the CLI's app:add) pre-fills from the page and a given name wins", async () => {
  const r = await addWebapp(ctx, userId, { url: `  ${sites.url("/invoicely/")}  `, name: "Invoicely Pro" });
  if (!r.ok) throw new Error(r.message);
  expect(r.webapp).toMatchObject({
    url: sites.url("/invoicely/"),
    name: "Invoicely Pro",
    ogImageUrl: "https://cdn.invoicely.example/og.png",
    themeColor: "rgb(30, 64, 175)",
    faviconUrl: "", // on the loopback test site: not kept
  });
});

test("a page without a title is named after its host", async () => {
  const r = await addWebapp(ctx, userId, { url: sites.url("/bare") });
  expect(r.ok && r.webapp.name).toBe("127.0.0.1");
});

test("with private networks refused (the default), a local URL is refused with the reason", async () => {
  const strict = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "false" });
  try {
    const uid = createUser(
      strict.db,
      { email: "b@example.com", name: "B", passwordHash: "x", role: "admin", timezone: "UTC" },
      strict.clock.now(),
    ).id;
    const r = await addWebapp(strict, uid, { url: sites.url("/tasktide") });
    expect(r).toMatchObject({ ok: false, field: "url", code: "blocked_address" });
    expect(!r.ok && r.message).toContain("allow_private_networks");
  } finally {
    strict.cleanup();
  }
});

test("editWebapp and removeWebapp are scoped to the owner", async () => {
  const r = await addWebapp(ctx, userId, { url: sites.url("/tasktide") });
  if (!r.ok) throw new Error(r.message);
  const other = createUser(
    ctx.db,
    { email: "o@example.com", name: "O", passwordHash: "x", role: "member", timezone: "UTC" },
    ctx.clock.now(),
  ).id;
  expect(await editWebapp(ctx, other, r.webapp.id, { name: "Nope" })).toBeUndefined();
  expect(await removeWebapp(ctx, other, r.webapp.id)).toBeUndefined();
  expect(findWebapp(ctx.db, userId, r.webapp.id)!.name).toBe("TaskTide");
  const edited = await editWebapp(ctx, userId, r.webapp.id, { keywords: [" a ", "b", "a", ""] });
  expect(edited?.ok && edited.webapp.keywords).toEqual(["a", "b"]);
});

test("the LinkedIn link-in-comment setting is off by default and kept when set", async () => {
  const off = await addWebapp(ctx, userId, { url: sites.url("/invoicely/?v=off"), name: "Off" });
  expect(off.ok && off.webapp.linkedinLinkInComment).toBe(false);
  const on = await addWebapp(ctx, userId, { url: sites.url("/invoicely/?v=on"), name: "On", linkedinLinkInComment: true });
  expect(on.ok && on.webapp.linkedinLinkInComment).toBe(true);
});
