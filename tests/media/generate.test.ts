import { afterEach, expect, test } from "bun:test";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { renderItemMedia } from "../../src/media/render";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { parseConfig } from "../../src/config/load";
import { leonardoImages } from "../../src/media/generate/leonardo";
import { openaiImages } from "../../src/media/generate/openai";
import { generatorFor } from "../../src/media/generate/pick";
import { ImageGenerationError } from "../../src/media/generate/types";
import { startLeonardoFake } from "../fakes/leonardo";
import { startOpenAiImagesFake } from "../fakes/openai-images";

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

test("OpenAI images: picks the portrait size and decodes the b64 PNG", async () => {
  const fake = startOpenAiImagesFake({ apiKey: "sk-img" });
  stops.push(fake.stop);
  const config = parseConfig("", undefined, {
    AMARKTAI_IMAGEGEN_PROVIDER: "openai",
    AMARKTAI_IMAGEGEN_OPENAI_API_KEY: "sk-img",
    AMARKTAI_IMAGEGEN_OPENAI_BASE_URL: fake.url,
  });
  const img = await generatorFor(config)!.generate("a calm kitchen", { width: 1080, height: 1920 });
  expect(fake.requests[0]).toMatchObject({ model: "gpt-image-1", prompt: "a calm kitchen", size: "1024x1536" });
  const meta = await sharp(img).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1024, 1536]);
});

test("OpenAI images: a refused prompt reports the safety message", async () => {
  const fake = startOpenAiImagesFake({ apiKey: "sk-img" });
  stops.push(fake.stop);
  const err = await openaiImages({ apiKey: "sk-img", baseURL: fake.url, model: "gpt-image-1", timeoutMs: 5000 })
    .generate("forbidden thing", { width: 100, height: 100 })
    .catch((e) => e);
  expect(err).toBeInstanceOf(ImageGenerationError);
  expect(err.message).toContain("HTTP 400");
  expect(err.message).toContain("safety system");
});

test("Leonardo: starts a generation, polls until COMPLETE, downloads the image", async () => {
  const fake = startLeonardoFake({ apiKey: "leo" });
  stops.push(fake.stop);
  const img = await leonardoImages({ apiKey: "leo", baseURL: fake.url, modelId: "model-x", timeoutMs: 5000, pollMs: 10 }).generate(
    "a calm kitchen",
    { width: 1080, height: 1920 },
  );
  const job = [...fake.jobs.values()][0]!;
  expect(job.polls).toBe(2);
  expect([job.width, job.height]).toEqual([576, 1024]);
  expect((await sharp(img).metadata()).format).toBe("jpeg");
});

test("Leonardo: a failed generation and a bad key come back in plain words", async () => {
  const fake = startLeonardoFake({ apiKey: "leo", failPrompts: /fail/ });
  stops.push(fake.stop);
  const failed = await leonardoImages({ apiKey: "leo", baseURL: fake.url, modelId: "", timeoutMs: 5000, pollMs: 10 })
    .generate("please fail", { width: 512, height: 512 })
    .catch((e) => e);
  expect(failed.message).toMatch(/Leonardo generation gen-\d+ failed/);
  const badKey = await leonardoImages({ apiKey: "nope", baseURL: fake.url, modelId: "", timeoutMs: 5000 })
    .generate("x", { width: 512, height: 512 })
    .catch((e) => e);
  expect(badKey.message).toBe("Leonardo refused (HTTP 401): Invalid token");
});

test("no generator when imagegen.provider is none", () => {
  expect(generatorFor(parseConfig("", undefined, {}))).toBeUndefined();
});

test("a render with imagegen.provider openai uses generated images for scenes that ask for one", async () => {
  const fake = startOpenAiImagesFake({ apiKey: "sk-img" });
  stops.push(fake.stop);
  const ctx = makeTestContext({
    AMARKTAI_MEDIA_SCREENSHOTS: "false",
    AMARKTAI_TTS_OFFLINE_ENGINE: "espeak",
    AMARKTAI_IMAGEGEN_PROVIDER: "openai",
    AMARKTAI_IMAGEGEN_OPENAI_API_KEY: "sk-img",
    AMARKTAI_IMAGEGEN_OPENAI_BASE_URL: fake.url,
  });
  stops.push(() => ctx.cleanup());
  const user = insertMediaUser(ctx);
  const script = {
    hook: "h",
    callToAction: "c",
    url: "https://x.example",
    scenes: [
      { onScreenText: "a", voiceover: "One.", visual: "brand", seconds: 1 },
      { onScreenText: "b", voiceover: "Two.", visual: "generated image of a kitchen", seconds: 1 },
    ],
  };
  const id = insertMediaItem(ctx, user, insertMediaWebapp(ctx, user), { script });
  await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
  expect(fake.requests.length).toBe(1);
  expect(fake.requests[0]!.prompt).toContain("generated image of a kitchen");
  const row = ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;
  expect(row.mediaStatus).toBe("ready");
}, 60_000);
