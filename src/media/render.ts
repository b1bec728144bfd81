import { keepStagedMedia } from "./ledger";
import { ensureLocalMedia } from "./storage/local";
import { appClipFiles } from "./clips";
import { mkdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import type { AppContext } from "../app/context";
import type { VideoScript } from "../content/script";
import { PLATFORM_RULES } from "../platforms/rules";
import type { PlatformId } from "../platforms/ids";
import { brandOf, type Brand } from "./brand";
import { resolveFonts, type Fonts } from "./fonts";
import { generatorFor } from "./generate/pick";
import { cardSeed, IMAGE_TARGETS, renderCover, renderImages } from "./images";
import { latestCardFacts } from "./facts-store";
import { renderCarousel } from "./carousel";
import { renderQueueFor } from "./queue";
import { fetchImage } from "./remote";
import { screenshotSite, type SiteShots } from "./screenshot";
import { readVideoScript } from "./script-check";
import { findItemWithApp, markMediaRendering, saveMediaFailed, saveMediaReady, siteLanguage, type ContentItem } from "./store";
import { sentencesToSpeak } from "./tts/spoken-text";
import { speakLines, voiceFor } from "./tts/voiceover";
import { probeMedia, videoSpecProblems } from "./video/probe";
import { renderPlannedShort, type ScenePicture } from "./video/planned-short";
import { PICTURE_TEMPLATES, planShort, scenesWithTemplates } from "./design/pick";
import type { Scene, SceneTemplate } from "../content/script";
import { pickMusic } from "./music";
import { makeRenderTemp, removeOrphanTemp } from "./temp";

/** Options for one render. `size` shrinks the frame for tests that do not check the delivery spec. */
export interface RenderOptions {
  signal?: AbortSignal;
  onProgress?: (pct: number, note: string) => void;
  size?: { width: number; height: number };
  /** The ffmpeg binary (tests use a crashing one). */
  ffmpegBin?: string;
}

/** A render that failed; the message is also stored on the item as media_error. */
export class MediaRenderError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

const FPS = 30;

/**
 * Renders an item's media (short + cover for video items, branded images for image items, one image per slide for
 * carousels) through the
 * bounded render queue, verifies it with ffprobe, and marks the item ready or failed with the reason.
 */
export async function renderItemMedia(ctx: AppContext, itemId: number, opts: RenderOptions = {}): Promise<void> {
  const found = findItemWithApp(ctx.db, itemId);
  if (!found) throw new MediaRenderError(`item ${itemId} or its web app no longer exists; nothing to render`);
  await ensureLocalMedia(ctx, [found.app.logoPath]);
  const queue = renderQueueFor(ctx, ctx.config.media.render_concurrency);
  opts.onProgress?.(0, "waiting for a render slot");
  await queue
    .run(() => renderNow(ctx, found.item, brandOf(found.app, ctx.config.storage.media_dir), opts), opts.signal)
    .catch((e) => {
      if (e instanceof MediaRenderError) throw e;
      const msg = `media for item ${itemId}: ${e instanceof Error ? e.message : e}`;
      saveMediaFailed(ctx.db, itemId, msg, ctx.clock.now());
      throw new MediaRenderError(msg, !!opts.signal?.aborted);
    });
}

async function renderNow(ctx: AppContext, item: ContentItem, brand: Brand, opts: RenderOptions): Promise<void> {
  const now = ctx.clock.now();
  const relDir = `${item.userId}/${item.webappId}/${now.toISOString().slice(0, 10)}`;
  removeOrphanTemp(ctx.config.storage.media_dir, now);
  const tmp = makeRenderTemp(ctx.config.storage.media_dir, `item-${item.id}`);
  // Finished files are written to tmp/out first and moved into place only when everything passed.
  const stage = join(tmp, "out");
  mkdirSync(stage);
  markMediaRendering(ctx.db, item.id, now);
  try {
    const media = await renderInto(ctx, item, brand, { ...opts, tmp, stage, relDir });
    await keepStagedMedia(ctx, { userId: item.userId, webappId: item.webappId, kind: "render" }, stage, relDir);
    saveMediaReady(ctx.db, item.id, media, ctx.clock.now());
    opts.onProgress?.(100, "media ready");
  } catch (e) {
    const reason = opts.signal?.aborted
      ? `media for item ${item.id}: render cancelled; use "regenerate media" to render it again`
      : `media for item ${item.id}: ${e instanceof Error ? e.message : e}`;
    saveMediaFailed(ctx.db, item.id, reason, ctx.clock.now());
    throw new MediaRenderError(reason, !!opts.signal?.aborted);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const SHOT_TTL_MS = 10 * 60_000;
const shotCache = new Map<string, { at: number; shots: Promise<SiteShots> }>();

// A batch renders several shorts of one site within minutes: its pages are shot once (Chromium is the slowest source).
function batchScreenshots(ctx: AppContext, url: string, signal?: AbortSignal): Promise<SiteShots> {
  const now = Date.now();
  for (const [k, v] of shotCache) if (now - v.at > SHOT_TTL_MS) shotCache.delete(k);
  const hit = shotCache.get(url);
  if (hit) return hit.shots;
  const shots = screenshotSite(ctx.config, url, signal);
  // A failed or cancelled shoot is not kept: the next render tries again.
  shotCache.set(url, { at: now, shots });
  void shots.then((s) => (s.note || signal?.aborted) && shotCache.delete(url)).catch(() => shotCache.delete(url));
  return shots;
}

// What a short is drawn from besides the brand: the site's screenshots, its og:image and the app's own clips.
interface SceneSources {
  desktop?: Buffer;
  mobile?: Buffer;
  mobileBlocks?: { y: number; h: number; text: string }[];
  ogImage?: Buffer;
  clips: string[];
}

async function gatherSources(
  ctx: AppContext,
  item: ContentItem,
  brand: Brand,
  notes: string[],
  signal?: AbortSignal,
): Promise<SceneSources> {
  const sources: SceneSources = { clips: await appClipFiles(ctx, item.userId, item.webappId) };
  const shots = await batchScreenshots(ctx, brand.url, signal);
  if (shots.note) notes.push(shots.note);
  Object.assign(sources, { desktop: shots.desktop, mobile: shots.mobile, mobileBlocks: shots.mobileBlocks });
  if (brand.ogImageUrl) {
    sources.ogImage = await fetchImage(ctx.config, brand.ogImageUrl, signal).catch(
      (e) => (notes.push(`og:image skipped: ${e instanceof Error ? e.message : e}`), undefined),
    );
  }
  return sources;
}

const MAX_GENERATED = 3;

/**
 * The app's own picture for each scene that has a place for one (a card template): its uploaded clip where the visual
 * asks for a clip or video, else a generated image where it asks for one. Images are generated only for those
 * scenes, so no paid image goes unused.
 */
async function scenePictures(
  ctx: AppContext,
  scenes: (Scene & { template: SceneTemplate })[],
  brand: Brand,
  clips: string[],
  notes: string[],
  signal?: AbortSignal,
): Promise<(ScenePicture | undefined)[]> {
  const gen = generatorFor(ctx.config);
  let clipsUsed = 0;
  let asked = 0;
  const out: (ScenePicture | undefined)[] = [];
  for (const s of scenes) {
    if (!PICTURE_TEMPLATES.includes(s.template)) {
      out.push(undefined);
    } else if (/clip|video/i.test(s.visual) && clips.length) {
      out.push({ clip: clips[clipsUsed++ % clips.length]! });
    } else if (gen && /generated|image/i.test(s.visual) && asked < MAX_GENERATED) {
      asked++;
      const prompt = `${s.visual}. ${s.onScreenText}. Brand: ${brand.name}. No text in the image.`;
      const image = await gen
        .generate(prompt, { width: 1024, height: 1536, signal })
        .catch((e) => (notes.push(`generated image skipped: ${e instanceof Error ? e.message : e}`), undefined));
      out.push(image ? { image } : undefined);
    } else out.push(undefined);
  }
  return out;
}

async function renderInto(
  ctx: AppContext,
  item: ContentItem,
  brand: Brand,
  o: RenderOptions & { tmp: string; stage: string; relDir: string },
): Promise<Record<string, unknown>> {
  const fonts = resolveFonts(ctx);
  const notes: string[] = [];
  const stem = `item-${item.id}`;
  if (item.format === "carousel")
    return renderCarousel(item, brand, fonts, { ...o, facts: latestCardFacts(ctx.db, item.webappId) }, ctx.clock.now());
  if (item.format !== "video") {
    o.onProgress?.(30, "composing images");
    const platformSize = PLATFORM_RULES[item.platform as PlatformId]?.imageSize ?? IMAGE_TARGETS.portrait!;
    const sizes = [platformSize, IMAGE_TARGETS.square!].filter((s, i, all) => all.findIndex((t) => t[0] === s[0] && t[1] === s[1]) === i);
    const images = await renderImages({
      brand,
      fonts,
      sizes,
      headline: item.title || brand.name,
      keyLine: firstLine(item.caption),
      caption: item.caption,
      facts: latestCardFacts(ctx.db, item.webappId),
      seed: cardSeed(item.id, ctx.clock.now()),
      outDir: o.stage,
      relDir: o.relDir,
      stem,
    });
    return { images, notes, renderedAt: ctx.clock.now().toISOString() };
  }
  const script = readVideoScript(item.script);
  if (typeof script === "string") throw new Error(`${script}; ask the creative agent to rewrite the item`);
  return renderVideo(ctx, item, brand, fonts, script, notes, o);
}

async function renderVideo(
  ctx: AppContext,
  item: ContentItem,
  brand: Brand,
  fonts: Fonts,
  written: VideoScript,
  notes: string[],
  o: RenderOptions & { tmp: string; stage: string; relDir: string },
) {
  const W = o.size?.width ?? 1080;
  const H = o.size?.height ?? 1920;
  const rules = PLATFORM_RULES[item.platform as PlatformId];
  o.onProgress?.(2, "gathering backgrounds");
  const sources = await gatherSources(ctx, item, brand, notes, o.signal);
  const page = sources.mobile ? { png: sources.mobile, blocks: sources.mobileBlocks ?? [] } : undefined;
  const scenes = scenesWithTemplates(written, !!page);
  const pictures = await scenePictures(ctx, scenes, brand, sources.clips, notes, o.signal);
  // A bare label ("Offline first.") is spoken, and captioned, as the full sentence the post has for it.
  const lines = sentencesToSpeak(scenes, item.caption);
  const plans = planShort(scenes, {
    brand,
    url: written.url,
    platform: item.platform,
    width: W,
    height: H,
    seed: item.id,
    pictures: pictures.map(Boolean),
  });
  o.onProgress?.(8, "speaking the voiceover and drawing the scenes");
  const { engine, notice } = voiceFor(ctx.config, siteLanguage(ctx.db, item.webappId));
  if (notice) notes.push(notice);
  const saying = { name: brand.name, sayAs: brand.sayNameAs };
  // Spoken while the scenes' stills are drawn (renderPlannedShort waits for it only to time them).
  const spoken = speakLines(engine, lines, o.tmp, {
    rate: ctx.config.tts.rate,
    pitch: ctx.config.tts.pitch,
    signal: o.signal,
    saying,
  });
  const videoName = `item-${item.id}.mp4`;
  // The cover needs nothing from the video: drawn alongside the scenes and the encode, instead of after them.
  const coverDrawn = renderCover({
    brand,
    fonts,
    size: [W, H],
    hook: written.hook || brand.name,
    keyLine: written.scenes[0]?.onScreenText,
    caption: item.caption,
    facts: latestCardFacts(ctx.db, item.webappId),
    seed: cardSeed(item.id, ctx.clock.now()),
    outDir: o.stage,
    relDir: o.relDir,
    name: `item-${item.id}-cover.jpg`,
  });
  // Its failure is read where it is awaited below; a handler now keeps an early one from counting as unhandled meanwhile.
  coverDrawn.catch(() => undefined);
  const music = pickMusic(ctx.config.media.music_dir, item.id);
  const result = await renderPlannedShort(
    {
      brand,
      fonts,
      scenes,
      plans,
      lines,
      voice: spoken,
      minSeconds: rules?.videoMinSeconds ?? 0,
      page,
      pictures,
      music: music ? { file: music, volume: ctx.config.media.music_volume } : undefined,
      preset: ctx.config.media.x264_preset,
      fps: FPS,
      seed: item.id,
      outFile: join(o.stage, videoName),
      tmpDir: o.tmp,
    },
    { signal: o.signal, ffmpegBin: o.ffmpegBin, onProgress: o.onProgress },
    // A failed short waits for its cover to settle, so nothing is written into the render folder after it is removed.
  ).catch(async (e) => {
    await coverDrawn.catch(() => undefined);
    throw e;
  });
  if (result.problems.length) notes.push(`design checks: ${result.problems.join("; ")}`);
  if (rules && result.total > rules.videoMaxSeconds)
    throw new Error(
      `the script runs ${result.total.toFixed(0)} s but ${rules.label} takes at most ${rules.videoMaxSeconds} s; shorten the script`,
    );
  const probe = await probeMedia(join(o.stage, videoName));
  const problems = videoSpecProblems(probe, {
    width: W,
    height: H,
    fps: FPS,
    minSeconds: rules?.videoMinSeconds ?? 0,
    maxSeconds: rules?.videoMaxSeconds ?? 600,
    maxBytes: rules?.videoMaxBytes ?? Infinity,
  });
  if (problems.length) throw new Error(`the rendered video does not fit ${rules?.label ?? item.platform}: ${problems.join("; ")}`);
  const cover = await coverDrawn;
  return {
    video: `${o.relDir}/${videoName}`,
    cover: cover.path,
    images: [cover],
    durationSeconds: Number(probe.durationSeconds.toFixed(2)),
    width: W,
    height: H,
    sizeBytes: probe.sizeBytes,
    voice: engine.name,
    music: music ? music.split("/").pop() : null,
    // The templates in scene order: what the learner reads as this short's design.
    templates: scenes.map((s) => s.template),
    // The scenes that show the app's own clip or a generated image, and where.
    pictures: pictures.flatMap((p, i) => {
      const box = plans[i]!.voice.layers.find((l) => l.kind === "picture")?.box;
      return p && box ? [{ scene: i, kind: "clip" in p ? "clip" : "image", file: "clip" in p ? basename(p.clip) : undefined, box }] : [];
    }),
    captions: result.scenes.flatMap((s) => s.captions),
    textLayers: result.textLayers.map((w) => ({ ...w, start: round3(w.start), end: round3(w.end) })),
    notes,
    renderedAt: ctx.clock.now().toISOString(),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function firstLine(s: string): string {
  return (
    s
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 140) ?? ""
  );
}
