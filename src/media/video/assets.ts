import { loadSharp } from "../../lib/sharp";
import { join } from "node:path";
import type { VideoScript } from "../../content/script";
import { coverImage, gradientBackground, veil } from "../backgrounds";
import type { Brand } from "../brand";
import { readableOn, type Rgb } from "../color";
import { composeStill, safeZone } from "../compose";
import type { Fonts } from "../fonts";
import { setTextOnPlate } from "../text";
import type { Overlay, SceneBackground } from "./short";
import type { Timeline } from "./timeline";

/** Images a scene may use besides the brand gradient. */
export interface SceneSources {
  desktop?: Buffer;
  mobile?: Buffer;
  /** The mobile page's blocks with their words (screenshot pixels), for cropping a device screen to a feature. */
  mobileBlocks?: { y: number; h: number; text: string }[];
  ogImage?: Buffer;
  /** Generated images, used in order by scenes whose visual asks for one (or when nothing else fits). */
  generated?: Buffer[];
  /** The app's own uploaded clips (files), used by scenes whose visual mentions "clip". */
  clips?: string[];
}

const OVERSIZE = 1.12;
// Zoom scenes start from a still this many times the frame size (see addZoomScene in short.ts). 2x is smoother
// still, but zoompan on it took ffmpeg ~60 MB more and the bench short's peak RSS past its 600 MB target.
const ZOOM_SOURCE_SCALE = 1.5;

// The scene's visual direction picks the source: "screenshot", "mobile"/"scroll", "og", "generated", else brand.
function pickSource(visual: string, i: number, s: SceneSources): { buf: Buffer; scroll: boolean; label: string } | undefined {
  const v = visual.toLowerCase();
  if ((v.includes("scroll") || v.includes("mobile")) && s.mobile) return { buf: s.mobile, scroll: true, label: "mobile screenshot" };
  if (v.includes("screenshot") && s.desktop) return { buf: s.desktop, scroll: false, label: "desktop screenshot" };
  if ((v.includes("generated") || v.includes("image")) && s.generated?.[i % s.generated.length])
    return { buf: s.generated[i % s.generated.length]!, scroll: false, label: "generated image" };
  if (v.includes("og") && s.ogImage) return { buf: s.ogImage, scroll: false, label: "og:image" };
  return undefined;
}

async function sceneBackground(
  brand: Brand,
  visual: string,
  i: number,
  W: number,
  H: number,
  s: SceneSources,
  dir: string,
): Promise<SceneBackground> {
  const file = join(dir, `bg-${i}.png`);
  if (/clip|video/i.test(visual) && s.clips?.length) return { kind: "clip", file: s.clips[i % s.clips.length]! };
  const src = pickSource(visual, i, s);
  if (src?.scroll) {
    const meta = await (await loadSharp())(src.buf).metadata();
    const h = Math.max(H, Math.round(((meta.height ?? H) * W) / (meta.width ?? W)));
    const tall = await veil(await coverImage(src.buf, W, h, src.label), W, h, brand.primary, 0.35);
    await Bun.write(file, tall);
    return { kind: "scroll", file, width: W, height: h };
  }
  // The first scene (under the hook) zooms in slowly; the others pan, each toward another corner. One zoom
  // per short: zoompan costs more encoding time and memory than a crop (bench/media.ts).
  const zoom = i === 0;
  const scale = zoom ? ZOOM_SOURCE_SCALE : OVERSIZE;
  const bw = Math.round((W * scale) / 2) * 2;
  const bh = Math.round((H * scale) / 2) * 2;
  const png = src
    ? await veil(await coverImage(src.buf, bw, bh, src.label), bw, bh, brand.primary, 0.4)
    : await gradientBackground(brand, bw, bh, i + 1);
  await Bun.write(file, png);
  return zoom ? { kind: "zoom", file, width: bw, height: bh } : { kind: "pan", file, width: bw, height: bh, direction: i };
}

/** Writes every scene background and the end card (they do not depend on the voice, so they render while it speaks). */
export async function prepareBackgrounds(a: {
  brand: Brand;
  fonts: Fonts;
  script: VideoScript;
  width: number;
  height: number;
  sources: SceneSources;
  dir: string;
}): Promise<SceneBackground[]> {
  const { brand, width: W, height: H, dir } = a;
  const backgrounds: SceneBackground[] = [];
  for (const [i, s] of a.script.scenes.entries()) backgrounds.push(await sceneBackground(brand, s.visual, i, W, H, a.sources, dir));
  const endFile = join(dir, "endcard.png");
  const end = await composeStill(brand, a.fonts, {
    width: W,
    height: H,
    background: await gradientBackground(brand, W, H, 99),
    headline: a.script.callToAction || brand.name,
    keyLine: brand.name,
    showUrl: true,
    layout: "center",
  });
  await Bun.write(endFile, end.png);
  backgrounds.push({ kind: "pan", file: endFile, width: W, height: H });
  return backgrounds;
}

/** Writes the text overlays (hook, on-screen text, captions) placed and timed on the timeline; all are set in parallel. */
export async function prepareOverlays(a: {
  brand: Brand;
  fonts: Fonts;
  timeline: Timeline;
  width: number;
  height: number;
  dir: string;
}): Promise<Overlay[]> {
  const { brand, fonts, timeline: tl, width: W, height: H, dir } = a;
  const z = safeZone(W, H);
  const dark: Rgb = [12, 12, 16];
  const plate = readableOn(brand.primary, 4.5);
  const scale = Math.min(W, H);
  const jobs: Promise<Overlay>[] = [];
  const add = async (
    name: string,
    text: Promise<{ png: Buffer; width: number; height: number }>,
    place: (t: { width: number; height: number }) => Omit<Overlay, "file">,
  ) => {
    const t = await text;
    await Bun.write(join(dir, name), t.png);
    return { file: join(dir, name), ...place(t) };
  };
  const hook = setTextOnPlate(
    {
      text: tl.hook.text,
      fontFile: fonts.bold,
      bold: true,
      color: plate.text,
      maxWidth: z.width,
      maxHeight: Math.round(H * 0.3),
      maxSize: Math.round(scale * 0.1),
      align: "centre",
    },
    plate.background,
    0.92,
    Math.round(scale * 0.035),
  );
  jobs.push(
    add("hook.png", hook, (t) => ({
      x: z.left + Math.round((z.width - t.width) / 2),
      y: Math.round(H * 0.3),
      start: tl.hook.start,
      end: tl.hook.end,
    })),
  );
  for (const s of tl.scenes) {
    const start = Math.max(s.start, s.index === 0 ? tl.hook.end : s.start);
    if (s.onScreenText.trim() && start < s.start + s.duration) {
      const title = setTextOnPlate(
        {
          text: s.onScreenText,
          fontFile: fonts.bold,
          bold: true,
          color: [255, 255, 255],
          maxWidth: z.width,
          maxHeight: Math.round(H * 0.2),
          maxSize: Math.round(scale * 0.075),
          align: "left",
        },
        dark,
        0.72,
        Math.round(scale * 0.025),
      );
      jobs.push(add(`title-${s.index}.png`, title, () => ({ x: z.left, y: z.top, start, end: s.start + s.duration })));
    }
    for (const [k, c] of s.captions.entries()) {
      const cap = setTextOnPlate(
        {
          text: c.text,
          fontFile: fonts.bold,
          bold: true,
          color: [255, 255, 255],
          maxWidth: z.width,
          maxHeight: Math.round(H * 0.14),
          maxSize: Math.round(scale * 0.068),
          align: "centre",
        },
        dark,
        0.8,
        Math.round(scale * 0.022),
      );
      // Captions sit at the bottom of the safe zone, centred in its width.
      jobs.push(
        add(`cap-${s.index}-${k}.png`, cap, (t) => ({
          x: z.left + Math.round((z.width - t.width) / 2),
          y: z.top + z.height - t.height,
          start: c.start,
          end: c.end,
        })),
      );
    }
  }
  return Promise.all(jobs);
}
