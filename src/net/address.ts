import { isIP } from "node:net";

/** The cloud metadata address (AWS, GCP, Azure, ...): refused even when private networks are allowed. */
export const METADATA_ADDRESSES = ["169.254.169.254", "fd00:ec2::254"] as const;

type V4Range = [base: number, bits: number, label: string];

const V4_BLOCKED: V4Range[] = [
  [v4("0.0.0.0"), 8, '"this network" (0.0.0.0/8)'],
  [v4("10.0.0.0"), 8, "a private network (10.0.0.0/8)"],
  [v4("100.64.0.0"), 10, "a carrier-grade NAT network (100.64.0.0/10)"],
  [v4("127.0.0.0"), 8, "this machine (loopback)"],
  [v4("169.254.0.0"), 16, "a link-local network (169.254.0.0/16)"],
  [v4("172.16.0.0"), 12, "a private network (172.16.0.0/12)"],
  [v4("192.0.0.0"), 24, "an IETF protocol range (192.0.0.0/24)"],
  [v4("192.168.0.0"), 16, "a private network (192.168.0.0/16)"],
  [v4("198.18.0.0"), 15, "a benchmarking network (198.18.0.0/15)"],
  [v4("224.0.0.0"), 4, "a multicast range"],
  [v4("240.0.0.0"), 4, "a reserved range (240.0.0.0/4)"],
];

function v4(s: string): number {
  return s.split(".").reduce((n, p) => n * 256 + Number(p), 0);
}

function inV4(ip: number, base: number, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(base / size);
}

/** Expands an IPv6 address (any notation, optional embedded IPv4) into its eight 16-bit groups. */
export function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase().split("%")[0]!;
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4tail) {
    const n = v4(v4tail[1]!);
    s = s.slice(0, -v4tail[1]!.length) + `${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head, tail] = s.includes("::") ? s.split("::") : [s, undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill("0");
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

function v4Reason(ip: string): string | undefined {
  const n = v4(ip);
  return V4_BLOCKED.find(([base, bits]) => inV4(n, base, bits))?.[2] ?? (n === 0xffffffff ? "the broadcast address" : undefined);
}

function v6Reason(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  const embedded = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g.every((x) => x === 0)) return "the unspecified address (::)";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "this machine (loopback)";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 host.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return v4Reason(embedded(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Reason(embedded(g[6]!, g[7]!));
  if (g[0] === 0x2002) return v4Reason(embedded(g[1]!, g[2]!)); // 6to4 embeds the IPv4 host
  if ((g[0]! & 0xfe00) === 0xfc00) return "a unique-local network (fc00::/7)";
  if ((g[0]! & 0xffc0) === 0xfe80) return "a link-local network (fe80::/10)";
  if ((g[0]! & 0xffc0) === 0xfec0) return "a site-local network (fec0::/10)";
  if ((g[0]! & 0xff00) === 0xff00) return "a multicast range (ff00::/8)";
  return undefined;
}

/** Why an IP address must not be fetched from (private, loopback, link-local, ...), or undefined when it is public. */
export function privateAddressReason(ip: string): string | undefined {
  const kind = isIP(ip);
  if (kind === 4) return v4Reason(ip);
  if (kind === 6) return v6Reason(ip);
  return "not an IP address";
}

/** True for the cloud metadata endpoint, in any IPv4 or IPv6 spelling. */
export function isMetadataAddress(ip: string): boolean {
  if (isIP(ip) === 4) return ip === METADATA_ADDRESSES[0];
  if (isIP(ip) !== 6) return false;
  const g = ipv6Groups(ip);
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && g[6] === 0xa9fe && g[7] === 0xa9fe;
  return mapped || g.join(":") === ipv6Groups(METADATA_ADDRESSES[1]).join(":");
}
