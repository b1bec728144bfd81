import type { Scene, VideoScript } from "../../../content/script";
import type { PlatformId } from "../../../platforms/ids";
import { BEST_PRACTICES } from "../../research/best-practices";
import type { FactKind } from "./lang/types";
import type { Line, Material } from "./hooks";
import { asPhrase, endSentence, graphemes, truncateWords } from "./text";

const WORDS_PER_SECOND = 2.5;
const ON_SCREEN_MAX = 48;

const VISUAL: Record<FactKind, string> = {
  number: "brand gradient zoom",
  quote: "quote card",
  price: "screenshot:home scroll",
  scene: "screenshot:feature pan",
};

function scene(onScreenText: string, voiceover: string, visual: string, minSeconds = 2): Scene {
  const words = voiceover.split(/\s+/).filter(Boolean).length;
  return {
    onScreenText: truncateWords(onScreenText, ON_SCREEN_MAX),
    voiceover,
    visual,
    seconds: Math.max(minSeconds, Math.ceil(words / WORDS_PER_SECOND)),
  };
}

/** Short on-screen words for a line: the fact itself (capitalised), else the line's first clause. */
function onScreen(line: Line): string {
  const text = line.fact ? line.fact.x : (line.text.split(/(?<=[.!?])\s+/)[0] ?? line.text);
  const t = asPhrase(text.replace(/^[«“„"]\s*|\s*[»”“"]$/gu, ""));
  const cap = t.length > 0 ? t[0]!.toUpperCase() + t.slice(1) : t;
  return graphemes(cap).length <= ON_SCREEN_MAX ? cap : truncateWords(cap, ON_SCREEN_MAX);
}

/**
 * Writes a 3-6 scene vertical video script from the post's own lines (so the video says what the caption says):
 * the hook in the first seconds, one scene per fact line, and an end card with the call to action.
 */
export function writeScript(m: Material, platform: PlatformId, hook: Line, body: Line[], callToAction: string, url: string): VideoScript {
  const [, idealMax] = BEST_PRACTICES[platform].idealSeconds;
  const scenes: Scene[] = [scene(onScreen(hook), hook.text, hook.fact ? VISUAL[hook.fact.kind] : "brand gradient zoom", 2)];
  for (const line of body)
    if (line.part === "fact" || line.part === "description")
      scenes.push(scene(onScreen(line), line.text, line.fact ? VISUAL[line.fact.kind] : "screenshot:home scroll", 3));
  const end = scene(callToAction, endSentence(callToAction), "end card: logo and link", 3);
  // Keep the end card, drop middle scenes until the script fits 3-6 scenes and the platform's sweet spot.
  let kept = scenes;
  while (kept.length + 1 > 6 || (total([...kept, end]) > idealMax && kept.length + 1 > 3)) kept = kept.slice(0, -1);
  while (kept.length + 1 < 3) kept.push(scene(m.name, endSentence(m.name), "logo reveal", 2));
  return { hook: hook.text, scenes: [...kept, end], callToAction, url };
}

function total(scenes: Scene[]): number {
  return scenes.reduce((n, s) => n + s.seconds, 0);
}
