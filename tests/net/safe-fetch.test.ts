import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { FetchProblem, HTML_TYPES, safeFetch, type FetchProblemCode } from "../../src/net/safe-fetch";
import { startTestSites, type TestSites } from "../sites/server";

let sites: TestSites;
beforeAll(() => {
  sites = startTestSites();
});
afterAll(() => sites.stop());

const open = { allow_private_networks: true, timeout_ms: 2000, max_bytes: 1_000_000, user_agent: "AmarktaiTest/1" };
const strict = { ...open, allow_private_networks: false };

async function problem(p: Promise<unknown>): Promise<FetchProblem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FetchProblem) return e;
    throw e;
  }
  throw new Error("expected a FetchProblem");
}

async function expectCode(p: Promise<unknown>, code: FetchProblemCode, text?: RegExp): Promise<FetchProblem> {
  const e = await problem(p);
  expect(e.code).toBe(code);
  if (text) expect(e.message).toMatch(text);
  return e;
}

describe("safeFetch success", () => {
  test("fetches an HTML page with its final URL, status, type and text", async () => {
    const page = await safeFetch(open, sites.url("/tasktide"), { accept: HTML_TYPES });
    expect(page.status).toBe(200);
    expect(page.url).toBe(sites.url("/tasktide"));
    expect(page.contentType).toContain("text/html");
    expect(page.text()).toContain("Plan the week in ten minutes");
    expect(page.body.byteLength).toBeGreaterThan(500);
  });

  test("follows redirects, including relative ones, and reports the final URL", async () => {
    expect((await safeFetch(open, sites.url("/redirect"))).url).toBe(sites.url("/tasktide"));
    expect((await safeFetch(open, sites.url("/redirect-relative"))).url).toBe(sites.url("/invoicely/"));
  });

  test("text() decodes with the header's charset, else the page's <meta charset>", async () => {
    expect((await safeFetch(open, sites.url("/latin1"))).text()).toContain("Café Crème");
    expect((await safeFetch(open, sites.url("/recipes"))).text()).toContain("Recipe Box");
  });

  test("HEAD returns no body", async () => {
    const page = await safeFetch(open, sites.url("/tasktide"), { method: "HEAD" });
    expect(page.status).toBe(200);
    expect(page.body.byteLength).toBe(0);
  });

  test("any type passes when accept is not given", async () => {
    const page = await safeFetch(open, sites.url("/image.png"));
    expect(page.contentType).toBe("image/png");
  });
});

describe("safeFetch refusals", () => {
  test("malformed URLs", async () => {
    await expectCode(safeFetch(open, "not a url"), "malformed_url", /not a web address.*https:\/\//);
    await expectCode(safeFetch(open, "ftp://example.com/"), "malformed_url");
    await expectCode(safeFetch(open, "javascript:alert(1)"), "malformed_url");
    await expectCode(safeFetch(open, "https://user:pw@example.com/"), "malformed_url", /user name or password/);
  });

  test("private, loopback, link-local and special addresses are refused before connecting", async () => {
    const before = sites.hits.get("/tasktide") ?? 0;
    await expectCode(safeFetch(strict, sites.url("/tasktide")), "blocked_address", /loopback.*allow_private_networks/);
    expect(sites.hits.get("/tasktide") ?? 0).toBe(before);
    for (const host of [
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.10",
      "169.254.1.1",
      "0.0.0.0",
      "100.64.0.1",
      "224.0.0.1",
      "[::1]",
      "[fd12::1]",
      "[fe80::1]",
      "[::ffff:127.0.0.1]",
      "[ff02::1]",
      "[::]",
    ]) {
      await expectCode(safeFetch(strict, `http://${host}/`), "blocked_address");
    }
  });

  test("a host name resolving to a private address is refused (checked after DNS)", async () => {
    await expectCode(safeFetch(strict, "http://localhost:1/"), "blocked_address", /localhost points to/);
    const resolve = async () => ["93.184.216.34", "10.0.0.5"];
    await expectCode(safeFetch(strict, "http://mixed.example/", { resolve }), "blocked_address", /10\.0\.0\.5/);
  });

  test("the metadata address is refused even when private networks are allowed", async () => {
    await expectCode(safeFetch(open, "http://169.254.169.254/latest/meta-data/"), "blocked_address", /metadata/);
    const resolve = async () => ["169.254.169.254"];
    await expectCode(safeFetch(open, "http://metadata.example/", { resolve }), "blocked_address", /metadata/);
  });

  test("every redirect hop is checked again", async () => {
    await expectCode(safeFetch(open, sites.url("/to-metadata")), "blocked_address", /metadata/);
    // The first hop is an IP literal (no lookup); the redirect target's name is looked up and refused.
    let calls = 0;
    const resolve = async (host: string) => {
      calls++;
      return host === "localhost" ? ["169.254.169.254"] : ["93.184.216.34"];
    };
    await expectCode(safeFetch(open, sites.url("/to-loopback-name"), { resolve }), "blocked_address", /metadata/);
    expect(calls).toBe(1);
  });

  test("plain HTTP connects to the checked address, so a second DNS answer cannot redirect it", async () => {
    const port = new URL(sites.origin).port;
    const page = await safeFetch(open, `http://tasktide.test:${port}/tasktide`, { resolve: async () => ["127.0.0.1"] });
    expect(page.url).toBe(`http://tasktide.test:${port}/tasktide`);
    expect(page.text()).toContain("TaskTide");
    const hop = await safeFetch(open, `http://tasktide.test:${port}/redirect`, { resolve: async () => ["127.0.0.1"] });
    expect(hop.url).toBe(`http://tasktide.test:${port}/tasktide`);
  });

  test("redirect loops stop after 5 hops", async () => {
    await expectCode(safeFetch(open, sites.url("/loop-a")), "too_many_redirects", /more than 5 times/);
  });

  test("redirects to other schemes are refused", async () => {
    await expectCode(safeFetch(open, sites.url("/to-ftp")), "malformed_url", /only http and https/);
  });

  test("unreachable: connection refused", async () => {
    const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const port = s.port;
    await s.stop(true);
    await expectCode(safeFetch(open, `http://127.0.0.1:${port}/`), "unreachable", /could not reach 127\.0\.0\.1/);
  });

  test("unreachable: the name does not resolve", async () => {
    const resolve = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    await expectCode(safeFetch(open, "https://no-such-site.invalid/", { resolve }), "unreachable", /no such domain/);
  });

  test("slow sites time out with the limit in the message", async () => {
    await expectCode(safeFetch(open, sites.url("/slow?ms=2000"), { timeoutMs: 200 }), "timeout", /longer than 0\.2 s/);
    await expectCode(safeFetch({ ...open, timeout_ms: 1000 }, sites.url("/slow?ms=3000")), "timeout", /took longer than 1 s to answer/);
  });

  test("a DNS lookup that hangs is cut off by the time limit", async () => {
    const resolve = () => new Promise<string[]>(() => {});
    await expectCode(safeFetch(open, "http://hanging-dns.example/", { resolve, timeoutMs: 100 }), "timeout", /took longer than 0\.1 s/);
  });

  test("a caller's abort is passed through, not reported as a timeout", async () => {
    const ac = new AbortController();
    const p = safeFetch(open, sites.url("/slow?ms=2000"), { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const err = await p.catch((e) => e);
    expect(err).not.toBeInstanceOf(FetchProblem);
  });

  test("huge bodies are cut off while streaming and when declared", async () => {
    await expectCode(safeFetch(open, sites.url("/huge?mb=8")), "too_large", /larger than 1 MB/);
    await expectCode(safeFetch(open, sites.url("/huge-declared")), "too_large");
    await expectCode(safeFetch(open, sites.url("/huge?mb=1"), { maxBytes: 50_000 }), "too_large", /50 kB/);
  });

  test("non-HTML content is refused when HTML is expected", async () => {
    await expectCode(safeFetch(open, sites.url("/image.png"), { accept: HTML_TYPES }), "not_html", /image\/png instead of HTML/);
    await expectCode(safeFetch(open, sites.url("/data.json"), { accept: HTML_TYPES }), "not_html");
    await expectCode(safeFetch(open, sites.url("/no-type"), { accept: HTML_TYPES }), "not_html");
  });

  test("other unexpected types give bad_content_type", async () => {
    await expectCode(
      safeFetch(open, sites.url("/tasktide"), { accept: ["application/rss+xml", "application/atom+xml"] }),
      "bad_content_type",
      /rss\+xml or application\/atom\+xml/,
    );
  });

  test("HTTP errors carry the status", async () => {
    const e = await expectCode(safeFetch(open, sites.url("/missing")), "http_error", /404.*does not exist/);
    expect(e.status).toBe(404);
    await expectCode(safeFetch(open, sites.url("/broken")), "http_error", /500/);
  });
});
