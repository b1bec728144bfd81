import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import type { AppContext } from "../../src/app/context";
import type { ManualClock } from "../../src/lib/clock";
import { mediaStoreOf } from "../../src/media/storage/open";
import { updateUser } from "../../src/users/store";
import { seedPost } from "../analytics/fixtures";
import { makeUser, makeWebapp } from "../support/content-factories";

/** The text pdftotext reads from a PDF (poppler-utils: the real extractor, not our own parser). */
export function pdfText(pdf: Buffer | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-pdf-"));
  try {
    const path = join(dir, "r.pdf");
    writeFileSync(path, pdf);
    const r = Bun.spawnSync(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"], { stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`pdftotext failed: ${r.stderr.toString()}`);
    return r.stdout.toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The properties pdfinfo prints for a PDF (Pages, Author, Title...), by name. */
export function pdfInfo(pdf: Buffer | Uint8Array): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-pdf-"));
  try {
    writeFileSync(join(dir, "r.pdf"), pdf);
    const out = Bun.spawnSync(["pdfinfo", "-enc", "UTF-8", join(dir, "r.pdf")], { stdout: "pipe" }).stdout.toString();
    return Object.fromEntries([...out.matchAll(/^([^:\n]+):\s*(.*)$/gm)].map((m) => [m[1], m[2].trim()]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** How many pages pdfinfo counts in a PDF. */
export function pdfPages(pdf: Buffer | Uint8Array): number {
  return Number(pdfInfo(pdf).Pages ?? 0);
}

/** The images pdfimages lists in a PDF: width and height in pixels, one entry per placement. */
export function pdfImages(pdf: Buffer | Uint8Array): Array<{ width: number; height: number }> {
  const dir = mkdtempSync(join(tmpdir(), "amarktai-pdf-"));
  try {
    writeFileSync(join(dir, "r.pdf"), pdf);
    const out = Bun.spawnSync(["pdfimages", "-list", join(dir, "r.pdf")], { stdout: "pipe" }).stdout.toString();
    return [...out.matchAll(/^\s*\d+\s+\d+\s+image\s+(\d+)\s+(\d+)/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a small JPEG cover under the media folder and returns its path relative to it. */
export async function writeCover(ctx: AppContext, rel: string): Promise<string> {
  const jpeg = await sharp({ create: { width: 216, height: 384, channels: 3, background: "#2563eb" } })
    .jpeg()
    .toBuffer();
  await mediaStoreOf(ctx).put(rel, { bytes: jpeg });
  return rel;
}

/**
 * A user in Berlin with "Café Lumière" and two weeks of posts: the week of Mon 2 to Sun 8 March 2026 (4 posts:
 * 8,345 views, 592 likes, 45 comments, 20 shares, 25 saves, 3 link visits) and the week before (2 posts, 4,500 views).
 */
export async function seedTwoWeeks(ctx: AppContext & { clock: ManualClock }, o: { email?: string; appName?: string } = {}) {
  const at = ctx.clock.now();
  ctx.clock.set(new Date("2026-02-01T00:00:00Z"));
  const user = makeUser(ctx, { email: o.email, name: "Dana", timezone: "Europe/Berlin" });
  const app = makeWebapp(ctx, user.id, o.appName ?? "Café Lumière");
  ctx.clock.set(at);
  const cover = await writeCover(ctx, `u${user.id}/w${app.id}/cover.jpg`);
  const post = (platform: "tiktok" | "youtube" | "instagram" | "x", publishedAt: string, r: Record<string, number>, extra = {}) =>
    seedPost(ctx, {
      userId: user.id,
      webappId: app.id,
      platform,
      publishedAt,
      caption: `Fresh croissants every morning at ${o.appName ?? "Café Lumière"} (${platform})`,
      readings: [{ at: new Date(Date.parse(publishedAt) + 2 * 86_400_000).toISOString(), ...r }],
      media: { cover },
      ...extra,
    });
  post(
    "tiktok",
    "2026-03-03T10:00:00Z",
    { views: 5000, likes: 400, comments: 30, shares: 20, saves: 10 },
    {
      clicks: ["2026-03-03T12:00:00Z", "2026-03-04T12:00:00Z", "2026-03-05T12:00:00Z"],
    },
  );
  post("youtube", "2026-03-04T10:00:00Z", { views: 2000, likes: 100, comments: 10 });
  post("instagram", "2026-03-05T10:00:00Z", { views: 1000, likes: 80, comments: 5, saves: 15 });
  post("x", "2026-03-06T10:00:00Z", { views: 345, likes: 12 });
  post("tiktok", "2026-02-24T10:00:00Z", { views: 3000, likes: 100 });
  post("youtube", "2026-02-25T10:00:00Z", { views: 1500, likes: 50 });
  return { user, app };
}

/** Sets how often a user gets the report email. */
export function setFrequency(ctx: AppContext, userId: number, f: "off" | "daily" | "weekly" | "monthly"): void {
  updateUser(ctx.db, userId, { reportFrequency: f });
}

/** The PDF attached to a raw MIME message (base64 part with Content-Type application/pdf). */
export function attachedPdf(raw: string): Buffer | undefined {
  const m = /Content-Type: application\/pdf[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/i.exec(raw);
  return m ? Buffer.from(m[1]!.replace(/\s+/g, ""), "base64") : undefined;
}

/** The readable text of a raw MIME message: quoted-printable undone as UTF-8 bytes (accents survive). */
export function mailText(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? /^[0-9A-F]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes).toString("utf8");
}
