import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { encodeShort, shortCommand, type ShortJob } from "../../src/media/video/short";
import { probeMedia } from "../../src/media/video/probe";
import { frameAt, regionDiff } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "amarktai-zoom-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W = 360;
const H = 640;

// A still at twice the frame size with a fine grid, so any change of scale shows at the edges.
async function gridStill(file: string, w: number, h: number) {
  const lines = [
    ...Array.from({ length: 41 }, (_, k) => `<line x1="${(k * w) / 40}" y1="0" x2="${(k * w) / 40}" y2="${h}"/>`),
    ...Array.from({ length: 41 }, (_, k) => `<line x1="0" y1="${(k * h) / 40}" x2="${w}" y2="${(k * h) / 40}"/>`),
  ].join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#1d4ed8"/><g stroke="#ffffff" stroke-width="3">${lines}</g><circle cx="${w / 2}" cy="${h / 2}" r="${w / 8}" fill="#f59e0b"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
}

function job(bgFile: string, endFile: string, seconds: number): ShortJob {
  return {
    width: W,
    height: H,
    fps: 30,
    timeline: {
      hook: { text: "", start: 0, end: 0 },
      scenes: [{ index: 0, start: 0, duration: seconds, onScreenText: "", captions: [] }],
      endCard: { start: seconds, duration: 0.5 },
      total: seconds + 0.5,
    },
    backgrounds: [
      { kind: "zoom", file: bgFile, width: W * 2, height: H * 2 },
      { kind: "pan", file: endFile, width: W, height: H },
    ],
    overlays: [],
    voice: [undefined],
    preset: "ultrafast",
    outFile: join(dir, "zoom.mp4"),
    tmpDir: dir,
  };
}

test("a zoom scene uses zoompan on the oversized still and moves in toward the centre: start and end frames differ at the edges", async () => {
  const bg = join(dir, "bg.png");
  const end = join(dir, "end.png");
  await gridStill(bg, W * 2, H * 2);
  await sharp({ create: { width: W, height: H, channels: 3, background: "#111827" } })
    .png()
    .toFile(end);
  const j = job(bg, end, 3);
  expect(shortCommand(j).graph()).toContain("zoompan=z=min(1+0.001348*on\\,1.12)");
  await encodeShort(j);
  const p = await probeMedia(j.outFile);
  expect(p.video).toMatchObject({ width: W, height: H, fps: 30 });
  expect(p.durationSeconds).toBeCloseTo(3.5, 1);
  const first = await frameAt(j.outFile, 0.02, W);
  const last = await frameAt(j.outFile, 2.95, W);
  const mid = await frameAt(j.outFile, 1.5, W);
  const edge = { x0: 0, y0: 0, x1: 1, y1: 0.2 };
  const centre = { x0: 0.45, y0: 0.48, x1: 0.55, y1: 0.52 };
  // The grid near the edges has moved outward by the end (12% closer)...
  expect(regionDiff(first, last, edge)).toBeGreaterThan(15);
  // ...gradually: the middle frame is between the two.
  expect(regionDiff(first, mid, edge)).toBeGreaterThan(5);
  expect(regionDiff(mid, last, edge)).toBeGreaterThan(5);
  // The centre (the circle) stays where it is: a zoom toward the centre, not a pan.
  expect(regionDiff(first, last, centre)).toBeLessThan(10);
}, 60_000);
