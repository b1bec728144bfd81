import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";

/** Every file under a folder (relative paths), for "no stray files" checks. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1));
}

/** One decoded RGB frame of a video at time t, scaled to width w. */
export async function frameAt(video: string, t: number, w = 180): Promise<{ data: Buffer; width: number; height: number }> {
  const p = Bun.spawn(
    [
      "ffmpeg",
      "-v",
      "error",
      "-ss",
      t.toFixed(3),
      "-i",
      video,
      "-frames:v",
      "1",
      "-vf",
      `scale=${w}:-2`,
      "-f",
      "image2pipe",
      "-vcodec",
      "png",
      "pipe:1",
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  const [out, err, code] = await Promise.all([new Response(p.stdout).arrayBuffer(), new Response(p.stderr).text(), p.exited]);
  if (code !== 0) throw new Error(`ffmpeg could not read a frame at ${t}s: ${err}`);
  const { data, info } = await sharp(Buffer.from(out)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean absolute difference (0-255) between two frames inside a region given in fractions of the frame. */
export function regionDiff(
  a: { data: Buffer; width: number; height: number },
  b: { data: Buffer },
  r: { x0: number; y0: number; x1: number; y1: number },
): number {
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(r.y0 * a.height); y < Math.floor(r.y1 * a.height); y++)
    for (let x = Math.floor(r.x0 * a.width); x < Math.floor(r.x1 * a.width); x++)
      for (let c = 0; c < 3; c++) {
        const i = (y * a.width + x) * 3 + c;
        sum += Math.abs(a.data[i]! - b.data[i]!);
        n++;
      }
  return sum / n;
}

/** Saves a grid of ten frames spread over the video of a video as a PNG contact sheet. */
export async function contactSheet(video: string, out: string, duration: number, cols = 5): Promise<void> {
  const times = Array.from({ length: 10 }, (_, i) => ((i + 0.5) * duration) / 10);
  const frames: Awaited<ReturnType<typeof frameAt>>[] = [];
  for (const t of times) frames.push(await frameAt(video, t, 216));
  const fw = frames[0]!.width;
  const fh = frames[0]!.height;
  const rows = Math.ceil(frames.length / cols);
  await sharp({ create: { width: fw * cols, height: fh * rows, channels: 3, background: "#222" } })
    .composite(
      frames.map((f, i) => ({
        input: f.data,
        raw: { width: fw, height: fh, channels: 3 as const },
        left: (i % cols) * fw,
        top: Math.floor(i / cols) * fh,
      })),
    )
    .png()
    .toFile(out);
}
