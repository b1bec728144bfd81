import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Config } from "../config/schema";

/** True for loopback, private, link-local and unique-local addresses. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 6) return ip === "::1" || /^f[cd]/i.test(ip) || /^fe80/i.test(ip) || ip.startsWith("::ffff:") && isPrivateAddress(ip.slice(7));
  const [a, b] = ip.split(".").map(Number) as [number, number];
  return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** Checks a user URL is http(s) and, unless config allows it, not on a private network. Returns a reason or undefined. */
export async function urlProblem(config: Config, url: string): Promise<string | undefined> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `only http(s) URLs are fetched: ${url}`;
  if (config.fetch.allow_private_networks) return undefined;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const addrs = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addrs.length) return `cannot resolve ${host}`;
  if (addrs.some(isPrivateAddress)) return `${host} is on a private network (set fetch.allow_private_networks to allow it)`;
  return undefined;
}

/** Downloads an image from a user URL with the fetch timeout, size cap and an image content-type check. */
export async function fetchImage(config: Config, url: string, signal?: AbortSignal): Promise<Buffer> {
  const problem = await urlProblem(config, url);
  if (problem) throw new Error(problem);
  const timeout = AbortSignal.timeout(config.fetch.timeout_ms);
  const res = await fetch(url, { headers: { "user-agent": config.fetch.user_agent }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: "follow" });
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("image/")) throw new Error(`${url} is ${type || "not an image"}, expected an image`);
  const len = Number(res.headers.get("content-length") ?? 0);
  if (len > config.fetch.max_bytes) throw new Error(`${url} is larger than ${config.fetch.max_bytes} bytes`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.length > config.fetch.max_bytes) throw new Error(`${url} is larger than ${config.fetch.max_bytes} bytes`);
  return buf;
}
