import type { Scene, VideoScript } from "../../../content/script";
import type { PlatformId } from "../../../platforms/ids";
import { BEST_PRACTICES } from "../../research/best-practices";
import type { Material } from "./hooks";
import { asPhrase, endSentence, graphemes, truncateWords } from "./text";

const WORDS_PER_SECOND = 2.5;
const ON_SCREEN_MAX = 48;

function scene(onScreenText: string, voiceover: string, visual: string, minSeconds = 2): Scene {
  const words = voiceover.split(/\s+/).filter(Boolean).length;
  return {
    onScreenText: truncateWords(onScreenText, ON_SCREEN_MAX),
    voiceover,
    visual,
    seconds: Math.max(minSeconds, Math.ceil(words / WORDS_PER_SECOND)),
  };
}

/** Short on-screen words for a feature: its first clause, a few words long. */
function headline(text: string): string {
  const first = text.split(/(?<=[.!?])\s+/)[0]!;
  const clause = asPhrase(first)
    .split(/[;:—–(]|,\s/)[0]!
    .trim();
  return graphemes(clause).length <= ON_SCREEN_MAX ? clause : truncateWords(clause, ON_SCREEN_MAX);
}

/**
 * Writes a 3-6 scene vertical video script from the same material as the post: hook in the first
 * seconds, what it does, up to three features, proof when the site gives one, and an end card.
 */
export function writeScript(m: Material, platform: PlatformId, hook: string, callToAction: string, url: string): VideoScript {
  const [, idealMax] = BEST_PRACTICES[platform].idealSeconds;
  const scenes: Scene[] = [scene(headline(hook), hook, "brand gradient zoom", 2)];
  if (m.facts.whatItDoes)
    scenes.push(scene(m.name, endSentence(m.facts.whatItDoes.split(/(?<=[.!?])\s/)[0]!), "screenshot:home scroll", 3));
  for (const f of m.features.slice(0, 3)) scenes.push(scene(headline(f), endSentence(asPhrase(f)), "screenshot:feature pan", 3));
  if (m.proof) scenes.push(scene(headline(m.proof), endSentence(m.proof), "quote card", 3));
  const end = scene(callToAction, `${endSentence(callToAction)}`, "end card: logo and link", 3);
  // Keep the end card, drop middle scenes until the script fits 3-6 scenes and the platform's sweet spot.
  const middle = scenes.slice(1);
  let body = [scenes[0]!, ...middle];
  while (body.length + 1 > 6 || (total([...body, end]) > idealMax && body.length + 1 > 3)) body = body.slice(0, -1);
  while (body.length + 1 < 3) body.push(scene(m.name, `That's ${m.name}.`, "logo reveal", 2));
  return { hook, scenes: [...body, end], callToAction, url };
}

function total(scenes: Scene[]): number {
  return scenes.reduce((n, s) => n + s.seconds, 0);
}
