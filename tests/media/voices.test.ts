import { afterAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { contentItems } from "../../src/db/schema/content";
import { researchFacts } from "../../src/db/schema/pipeline";
import { checkHealth } from "../../src/health/check";
import { renderItemMedia } from "../../src/media/render";
import { festivalText, festivalVoiceAvailable, offlineEngineAvailable } from "../../src/media/tts/offline";
import { isBareLabel, sayNameAs, sentencesToSpeak } from "../../src/media/tts/spoken-text";
import { speakLines } from "../../src/media/tts/voiceover";
import { offlineVoiceFor } from "../../src/media/tts/voices";
import { startOpenAiTtsFake } from "../fakes/openai-tts";
import { makeTestContext } from "../support/context";
import { insertMediaItem, insertMediaUser, insertMediaWebapp, testScript } from "../support/media-factories";
import { testWithTool } from "../support/tools";

const dir = mkdtempSync(join(tmpdir(), "amarktai-voices-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SITES: [string, string, string][] = [
  ["fr", "espeak-ng:fr-fr", "Vos notes restent sur votre téléphone, même sans réseau."],
  ["de-DE", "espeak-ng:de", "Deine Notizen bleiben auf dem Telefon, auch ohne Netz."],
  ["es", "espeak-ng:es", "Tus notas se quedan en tu teléfono, incluso sin red."],
  ["es-MX", "espeak-ng:es-419", "Tus notas se quedan en tu teléfono, incluso sin red."],
  ["pt-BR", "espeak-ng:pt-br", "Suas notas ficam no seu telefone, mesmo sem rede."],
  ["pt-PT", "espeak-ng:pt", "As suas notas ficam no telemóvel, mesmo sem rede."],
];

for (const [lang, voice, sentence] of SITES)
  testWithTool("espeak-ng", offlineEngineAvailable("espeak"), `a ${lang} site is voiced by ${voice}, really spoken`, async () => {
    const { engine, notice } = offlineVoiceFor("auto", lang);
    expect(engine.name).toBe(voice);
    expect(notice).toBeUndefined();
    const [line] = await speakLines(engine, [sentence], mkdtempSync(join(dir, lang)), { rate: 1, pitch: 0 });
    expect(existsSync(line!.file)).toBe(true);
    expect(line!.seconds).toBeGreaterThan(1.5);
  });

testWithTool(
  "Festival Italian voice (festvox-italp16k)",
  festivalVoiceAvailable("lp_diphone"),
  "an Italian site is voiced by Festival's Italian voice, all lines in one process",
  async () => {
    const { engine } = offlineVoiceFor("auto", "it-IT");
    expect(engine.name).toBe("festival:lp_diphone");
    const lines = await speakLines(
      engine,
      ["Perché è così facile: le tue note restano sul telefono.", "Anche senza rete — più veloce."],
      mkdtempSync(join(dir, "it")),
      {
        rate: 1,
        pitch: 0,
      },
    );
    expect(lines.every((l) => l && existsSync(l.file) && l.seconds > 0.8)).toBe(true);
  },
  30_000,
);

test("Festival text: accents stay as Latin-1 letters, typographic quotes and dashes become ASCII, other scripts a space", () => {
  expect(festivalText("«Perché» è “così” facile — it’s 😀 ok…")).toBe(`"Perché" è "così" facile ,  it's   ok...`);
});

test("an explicit engine choice is kept for a language it speaks: espeak for Italian", () => {
  expect(offlineVoiceFor("espeak", "it").engine.name).toBe("espeak-ng:it");
});

test("a language without an offline voice is spoken in English, with a notice naming the language", () => {
  const { engine, notice } = offlineVoiceFor("auto", "ja");
  expect(engine.name).toMatch(/^(festival:cmu_us_slt_arctic_hts|flite:slt|espeak-ng:en-us)$/);
  expect(notice).toContain(`"ja"`);
  expect(notice).toContain("English");
  expect(offlineVoiceFor("auto", undefined).notice).toBeUndefined();
});

test("the health check lists the installed offline voices with their language", () => {
  const ctx = makeTestContext();
  try {
    const voices = checkHealth(ctx).voices;
    if (offlineEngineAvailable("espeak")) expect(voices).toEqual(expect.arrayContaining(["espeak-ng:fr-fr (fr)", "espeak-ng:de (de)"]));
    if (festivalVoiceAvailable("lp_diphone")) expect(voices).toContain("festival:lp_diphone (it)");
    if (offlineEngineAvailable("festival")) expect(voices[0]).toBe("festival:cmu_us_slt_arctic_hts (en)");
    expect(voices.length).toBeGreaterThan(0);
  } finally {
    ctx.cleanup();
  }
});

test("say the name as: replaces the whole name in any case, never inside another word", () => {
  const saying = { name: "Notely", sayAs: "Note Lee" };
  expect(sayNameAs("Notely keeps notes. Try notely today, not Notelyfied.", saying)).toBe(
    "Note Lee keeps notes. Try Note Lee today, not Notelyfied.",
  );
  expect(sayNameAs("Notely.", { name: "Notely", sayAs: "" })).toBe("Notely.");
  expect(sayNameAs("C++ Hub rocks", { name: "C++ Hub", sayAs: "C plus plus hub" })).toBe("C plus plus hub rocks");
});

test("a bare label is spoken as the post's full sentence that says it; sentences and unmatched labels stay", () => {
  expect(isBareLabel("Offline first.")).toBe(true);
  expect(isBareLabel("It works offline.")).toBe(false);
  expect(isBareLabel("Notes sync everywhere you go.")).toBe(false);
  const scenes = [
    { voiceover: "Your notes, anywhere?", onScreenText: "Anywhere" },
    { voiceover: "Offline first.", onScreenText: "Offline first" },
    { voiceover: "Dark mode.", onScreenText: "Dark mode" },
    { voiceover: "Start free.", onScreenText: "Start free" },
  ];
  const post =
    "Your notes, anywhere? Notely is offline first: it saves every note on your phone before it syncs.\nStart free at https://notely.app today.\nTry it. #offlinefirst";
  expect(sentencesToSpeak(scenes, post)).toEqual([
    "Your notes, anywhere?",
    "Notely is offline first: it saves every note on your phone before it syncs.",
    "Dark mode.",
    "Start free.",
  ]);
});

test("a French site renders with the French voice, a Japanese one in English with a notice; the name is spoken as spelled for the ear, captions keep it as written", async () => {
  const fake = startOpenAiTtsFake({ apiKey: "sk-test" });
  const offline = makeTestContext({ AMARKTAI_MEDIA_SCREENSHOTS: "false" });
  const paid = makeTestContext({
    AMARKTAI_MEDIA_SCREENSHOTS: "false",
    AMARKTAI_TTS_PROVIDER: "openai",
    AMARKTAI_TTS_OPENAI_API_KEY: "sk-test",
    AMARKTAI_TTS_OPENAI_BASE_URL: fake.url,
  });
  try {
    const script = testScript(2, 1.5, { callToAction: "Essayez Notely" });
    script.scenes[0]!.voiceover = "Notely garde vos notes sur le téléphone.";
    script.scenes[1]!.voiceover = "Hors ligne.";
    const caption = "Notely garde vos notes sur le téléphone. Hors ligne d'abord: Notely marche même sans réseau.";
    const media: Record<string, any>[] = [];
    for (const [ctx, language] of [
      [offline, "fr-FR"],
      [paid, "fr-FR"],
      [offline, "ja"],
    ] as const) {
      const user = insertMediaUser(ctx);
      const app = insertMediaWebapp(ctx, user, { name: "Notely", sayNameAs: "Note Lee" });
      const now = ctx.clock.now();
      ctx.db.insert(researchFacts).values({ webappId: app, contentHash: "h", facts: { language }, createdAt: now }).run();
      const id = insertMediaItem(ctx, user, app, { platform: "youtube", caption, script: script as any });
      await renderItemMedia(ctx, id, { size: { width: 270, height: 480 } });
      media.push(ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!.media as Record<string, any>);
    }
    if (offlineEngineAvailable("espeak")) expect(media[0]!.voice).toBe("espeak-ng:fr-fr");
    expect(media[0]!.notes.join(" ")).not.toContain("no offline voice speaks it");
    // A Japanese site has no offline voice here: English, and the item says so.
    expect(media[2]!.voice).toMatch(/^(festival:cmu_us_slt_arctic_hts|flite:slt|espeak-ng:en-us)$/);
    expect(media[2]!.notes.join(" ")).toContain(`the site is in "ja" but no offline voice speaks it here`);
    expect(fake.requests.map((r) => r.input)).toEqual([
      "Note Lee garde vos notes sur le téléphone.",
      "Hors ligne d'abord: Note Lee marche même sans réseau.",
      "Essayez Note Lee", // the end card speaks the call to action, the name said as spelled for the ear
    ]);
    for (const m of media) {
      const captions = (m.captions as { text: string }[]).map((c) => c.text).join(" ");
      expect(captions).toContain("Notely");
      expect(captions).not.toContain("Note Lee");
    }
  } finally {
    fake.stop();
    offline.cleanup();
    paid.cleanup();
  }
}, 120_000);
