import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Config } from "../config/schema";
import { readCapped } from "../lib/read-capped";
import { isMetadataAddress, privateAddressReason } from "./address";

/** Why a fetch of a user's URL failed; `message` is a sentence to show to the person who typed the URL. */
export type FetchProblemCode =
  | "malformed_url"
  | "blocked_address"
  | "unreachable"
  | "timeout"
  | "too_large"
  | "not_html"
  | "http_error"
  | "too_many_redirects"
  | "bad_content_type";

/** A refused or failed fetch, with a code for programs and a clear message for people. */
export class FetchProblem extends Error {
  constructor(
    readonly code: FetchProblemCode,
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "FetchProblem";
  }
}

/** What a successful fetch returns: the final URL after redirects, status, content type and the capped body. */
export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  body: Uint8Array;
  text(): string;
}

/** Per-call options; defaults come from config `fetch`. */
export interface SafeFetchOptions {
  /** Acceptable media types (e.g. ["text/html"]); empty or absent accepts any. */
  accept?: string[];
  maxBytes?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  method?: "GET" | "HEAD";
  /** Resolves a host name to its addresses; node:dns `lookup` (all addresses) by default. */
  resolve?: (host: string) => Promise<string[]>;
  /** Origins fetched even on a private address (a test's own loopback site); never set from config. Metadata stays refused. */
  trustedOrigins?: readonly string[];
}

/** The media types that count as an HTML page. */
export const HTML_TYPES = ["text/html", "application/xhtml+xml"];

const MAX_REDIRECTS = 5;

async function dnsResolve(host: string): Promise<string[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/**
 * Fetches a URL a user gave us, refusing private, loopback, link-local, unique-local, multicast and
 * metadata addresses after DNS resolution and again on every redirect (followed by hand, at most 5),
 * unless `fetch.allow_private_networks` is true (the metadata address stays refused). Enforces a total
 * time limit, a byte cap while streaming and an optional content-type check.
 *
 * DNS rebinding: a name server could answer our check with a public address and fetch()'s own lookup
 * a moment later with a private one. For http:// we therefore connect to the very address we checked
 * (Host header set to the name). For https:// we keep the name, because the certificate must be
 * checked against it; a rebound connection to an internal host then fails the TLS name check unless
 * that host holds a valid certificate for the attacker's domain. Every redirect hop is checked again.
 * Deployments needing a hard guarantee should also block private ranges with an egress firewall rule.
 */
export async function safeFetch(opts: Config["fetch"], url: string, o: SafeFetchOptions = {}): Promise<FetchedPage> {
  const timeoutMs = o.timeoutMs ?? opts.timeout_ms;
  const maxBytes = o.maxBytes ?? opts.max_bytes;
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timer.signal]) : timer.signal;
  try {
    return await fetchFollowing(opts, parseUserUrl(url), { ...o, maxBytes, signal });
  } catch (e) {
    if (e instanceof FetchProblem) throw e;
    if (timer.signal.aborted)
      throw new FetchProblem(
        "timeout",
        `The site took longer than ${seconds(timeoutMs)} s to answer, so we gave up. Check that it is online, or try again later.`,
        url,
      );
    if (o.signal?.aborted) throw e;
    throw new FetchProblem(
      "unreachable",
      `We could not reach ${hostOf(url)} (${errorText(e)}). Check the address and that the site is online.`,
      url,
    );
  } finally {
    clearTimeout(timeout);
  }
}

async function fetchFollowing(
  opts: Config["fetch"],
  start: URL,
  o: SafeFetchOptions & { maxBytes: number; signal: AbortSignal },
): Promise<FetchedPage> {
  let current = start;
  for (let hop = 0; ; hop++) {
    const resolve = o.resolve ?? dnsResolve;
    const allowPrivate = opts.allow_private_networks || (o.trustedOrigins?.includes(current.origin) ?? false);
    const checked = await assertAllowedHost(current, allowPrivate, (host) => untilAborted(resolve(host), o.signal));
    const headers: Record<string, string> = {
      "user-agent": opts.user_agent,
      accept: o.accept?.length ? `${o.accept.join(", ")}, */*;q=0.1` : "*/*",
    };
    const target = pinnedTarget(current, checked, headers);
    const res = await fetch(target, { method: o.method ?? "GET", redirect: "manual", signal: o.signal, headers });
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS) {
        throw new FetchProblem(
          "too_many_redirects",
          `${start.href} redirected more than ${MAX_REDIRECTS} times (last to ${location}), so we stopped following. Enter the page's final address instead.`,
          start.href,
        );
      }
      current = nextHop(current, location);
      continue;
    }
    return readResponse(res, current, o);
  }
}

// Plain HTTP goes to the address we checked, with the name in the Host header (see safeFetch on rebinding).
function pinnedTarget(u: URL, checked: string, headers: Record<string, string>): URL {
  if (u.protocol !== "http:" || isIP(u.hostname.replace(/^\[|\]$/g, ""))) return u;
  const pinned = new URL(u.href);
  pinned.hostname = isIP(checked) === 6 ? `[${checked}]` : checked;
  headers.host = u.host;
  return pinned;
}

function nextHop(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchProblem("malformed_url", `${from.href} redirected to "${location}", which is not a valid address.`, from.href);
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw new FetchProblem(
      "malformed_url",
      `${from.href} redirected to ${next.protocol} address, which we do not follow; only http and https pages can be fetched.`,
      from.href,
    );
  }
  return next;
}

async function readResponse(res: Response, at: URL, o: SafeFetchOptions & { maxBytes: number; signal: AbortSignal }): Promise<FetchedPage> {
  const contentType = res.headers.get("content-type") ?? "";
  if (res.status < 200 || res.status >= 300) {
    await res.body?.cancel().catch(() => {});
    const why =
      res.status === 404 ? "the page does not exist" : res.status >= 500 ? "the site had an error" : "the site refused the request";
    throw new FetchProblem(
      "http_error",
      `${at.href} answered ${res.status} ${res.statusText || ""}`.trimEnd() + ` (${why}). Check the address, or try again later.`,
      at.href,
      res.status,
    );
  }
  checkContentType(contentType, at, o.accept);
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > o.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge(at, o.maxBytes);
  }
  const body = o.method === "HEAD" ? new Uint8Array() : await readCapped(res.body, o.maxBytes, () => tooLarge(at, o.maxBytes));
  return { url: at.href, status: res.status, contentType, body, text: () => decode(body, contentType) };
}

function checkContentType(contentType: string, at: URL, accept?: string[]): void {
  if (!accept?.length) return;
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (accept.some((a) => a.toLowerCase() === mediaType)) return;
  const shown = mediaType || "no content type";
  if (accept.every((a) => HTML_TYPES.includes(a))) {
    throw new FetchProblem(
      "not_html",
      `${at.href} is not a web page: it returned ${shown} instead of HTML. Enter the address of the site's page.`,
      at.href,
    );
  }
  throw new FetchProblem("bad_content_type", `${at.href} returned ${shown}, but ${accept.join(" or ")} was expected.`, at.href);
}

function tooLarge(at: URL, maxBytes: number): FetchProblem {
  return new FetchProblem(
    "too_large",
    `${at.href} is larger than ${formatBytes(maxBytes)}, the most we read from one page. Enter a smaller page, such as the site's landing page.`,
    at.href,
  );
}

/** Parses a URL typed by a person; only absolute http(s) addresses with a host pass. */
export function parseUserUrl(raw: string): URL {
  const text = raw.trim();
  let u: URL | undefined;
  try {
    u = new URL(text);
  } catch {}
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:") || !u.hostname) {
    const shown = text.length > 80 ? text.slice(0, 77) + "..." : text;
    throw new FetchProblem(
      "malformed_url",
      `"${shown}" is not a web address we can fetch. Enter the full address starting with https://, for example https://example.com.`,
      text,
    );
  }
  if (u.username || u.password) {
    throw new FetchProblem("malformed_url", `The address ${u.host} contains a user name or password; enter it without them.`, text);
  }
  return u;
}

// Checks every address the host resolves to and returns the first, which plain-HTTP requests connect to.
async function assertAllowedHost(u: URL, allowPrivate: boolean, resolve: (host: string) => Promise<string[]>): Promise<string> {
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new FetchProblem(
        "unreachable",
        `We could not find the address of ${host} (${errorText(e)}). Check the spelling of the domain.`,
        u.href,
      );
    }
    if (addresses.length === 0)
      throw new FetchProblem("unreachable", `${host} has no address in DNS. Check the spelling of the domain.`, u.href);
  }
  for (const ip of addresses) {
    if (isMetadataAddress(ip)) {
      throw new FetchProblem("blocked_address", `${u.href} points to the cloud metadata address (${ip}), which is never fetched.`, u.href);
    }
    const reason = allowPrivate ? undefined : privateAddressReason(ip);
    if (reason) {
      throw new FetchProblem(
        "blocked_address",
        `${host} points to ${reason} (${ip}), which we do not fetch from for safety. Use the site's public address, or set fetch.allow_private_networks: true if the app runs on your own network.`,
        u.href,
      );
    }
  }
  return addresses[0]!;
}

// A DNS lookup cannot be cancelled, so the time limit stops waiting for it instead.
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DOMException("aborted", "AbortError"));
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new DOMException("aborted", "AbortError"));
    signal.addEventListener("abort", stop, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

// The header's charset wins; otherwise an HTML page's own <meta charset> in its first 1024 bytes (as browsers do).
function decode(body: Uint8Array, contentType: string): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  const head = fromHeader ? "" : new TextDecoder("latin1").decode(body.subarray(0, 1024));
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  try {
    return new TextDecoder(fromHeader ?? fromMeta ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function errorText(e: unknown): string {
  const code = (e as { code?: string })?.code;
  if (code === "ENOTFOUND" || code === "DNSException") return "no such domain";
  if (code === "ECONNREFUSED" || code === "ConnectionRefused") return "the connection was refused";
  if (code === "ECONNRESET" || code === "ConnectionClosed") return "the connection was closed";
  if (code && /CERT|SSL|TLS/i.test(code)) return "its HTTPS certificate is not valid";
  return e instanceof Error ? e.message : String(e);
}

function seconds(ms: number): string {
  return Number.isInteger(ms / 1000) ? String(ms / 1000) : (ms / 1000).toFixed(1);
}

function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)} MB` : `${Math.round(n / 1000)} kB`;
}
