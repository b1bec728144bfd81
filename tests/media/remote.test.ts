import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { fetchImage } from "../../src/media/remote";
import { startTestSites, type TestSites } from "../sites/server";
import { makeTestContext } from "../support/context";

let sites: TestSites;
beforeAll(() => (sites = startTestSites()));
afterAll(() => sites.stop());

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected the download to be refused");
}

describe("og:image download (fetchImage through safeFetch)", () => {
  test("an image on an allowed host is read, following redirects", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true" });
    try {
      const direct = await fetchImage(ctx.config, sites.url("/static/og-card.png"));
      expect([...direct.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
      expect(await fetchImage(ctx.config, sites.url("/to-image"))).toEqual(direct);
    } finally {
      ctx.cleanup();
    }
  });

  test("with private networks not allowed, an og:image on the loopback site is refused before any request", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "false" });
    try {
      const before = sites.hits.get("/static/og-card.png") ?? 0;
      expect(await refusal(fetchImage(ctx.config, sites.url("/static/og-card.png")))).toMatch(
        /127\.0\.0\.1 points to this machine \(loopback\).*fetch\.allow_private_networks/,
      );
      expect(sites.hits.get("/static/og-card.png") ?? 0).toBe(before);
    } finally {
      ctx.cleanup();
    }
  });

  test("every redirect hop is checked: to the metadata address (always refused), and to a name that resolves to it", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true" });
    try {
      expect(await refusal(fetchImage(ctx.config, sites.url("/to-metadata")))).toMatch(/cloud metadata address \(169\.254\.169\.254\)/);
      // /to-loopback-name redirects to http://localhost:<port>/tasktide; that hop's name is looked up and checked again.
      const resolve = async () => ["169.254.169.254"];
      expect(await refusal(fetchImage(ctx.config, sites.url("/to-loopback-name"), undefined, { resolve }))).toMatch(
        /localhost:\d+\/tasktide points to the cloud metadata address/,
      );
    } finally {
      ctx.cleanup();
    }
  });

  test("a page that is not an image, or an image over the size cap, is refused with the reason", async () => {
    const ctx = makeTestContext({ AMARKTAI_FETCH_ALLOW_PRIVATE_NETWORKS: "true", AMARKTAI_FETCH_MAX_BYTES: "100000" });
    try {
      expect(await refusal(fetchImage(ctx.config, sites.url("/tasktide")))).toMatch(
        /returned text\/html, but image\/png or image\/jpeg or .* was expected/,
      );
      expect(await refusal(fetchImage(ctx.config, sites.url("/data.json")))).toMatch(
        /returned application\/json, but image\/png or .* was expected/,
      );
      expect(await refusal(fetchImage(ctx.config, sites.url("/static/huge.png?mb=2")))).toMatch(/is larger than 100 kB/);
    } finally {
      ctx.cleanup();
    }
  });
});
