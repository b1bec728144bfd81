import type { Scene, SceneTemplate, VideoScript } from "../../../content/script";
import type { PlatformId } from "../../../platforms/ids";
import { BEST_PRACTICES } from "../../research/best-practices";
import type { ConcreteFact } from "./concrete";
import { factLine, type Line, type Material } from "./hooks";
import { asPhrase, endSentence, graphemes, truncateWords } from "./text";

const WORDS_PER_SECOND = 2.5;
const ON_SCREEN_MAX = 48;
const QUOTE_MAX = 110;
// What a card costs on screen besides its voice: the fade in and the card's own text before the voice starts.
const CARD_SECONDS = 1.6;
const MIDDLE_MAX = 4;

function seconds(voiceover: string, min: number): number {
  const words = voiceover.split(/\s+/).filter(Boolean).length;
  return Math.max(min, Math.ceil(words / WORDS_PER_SECOND + CARD_SECONDS));
}

function capitalised(text: string, max = ON_SCREEN_MAX): string {
  const t = asPhrase(text.replace(/^[«“„"]\s*|\s*[»”“"]$/gu, ""));
  const cap = t.length > 0 ? t[0]!.toUpperCase() + t.slice(1) : t;
  return graphemes(cap).length <= max ? cap : truncateWords(cap, max);
}

/**
 * The scene for a fact, in the template its kind calls for: a number on a stat card, a testimonial with its person,
 * a price on a plan card with the plan's name, a feature on a card or on the phone (alternating by the post's turn).
 * The voice says the line's full sentence; the card shows the fact's own words.
 */
function factScene(line: Line, fact: ConcreteFact, turn: number): Scene {
  const voiceover = line.text;
  const base = { voiceover, seconds: seconds(voiceover, 3) };
  if (fact.kind === "number") return { ...base, template: "stat", onScreenText: capitalised(fact.x), visual: "stat card" };
  if (fact.kind === "quote")
    return {
      ...base,
      template: "testimonial",
      onScreenText: `“${capitalised(fact.x, QUOTE_MAX)}”`,
      detail: fact.who,
      visual: "testimonial card",
    };
  if (fact.kind === "price") {
    // A list of plans shows its first plan whole ("Basis" over "0 € / Monat"): a cut list could leave a price without its unit.
    const m = /^([^(),;]+?)\s*\(([^()]+)\)/.exec(fact.x);
    return m
      ? { ...base, template: "plan", onScreenText: m[2]!, detail: m[1]!, visual: "plan card" }
      : { ...base, template: "plan", onScreenText: capitalised(fact.x), visual: "plan card" };
  }
  const template: SceneTemplate = turn % 2 ? "device" : "feature";
  return {
    ...base,
    template,
    onScreenText: capitalised(fact.x),
    visual: template === "device" ? "screenshot:mobile scroll" : "feature card",
  };
}

/**
 * Writes a vertical video script from the post's own lines (so the video says what the caption says): a kinetic
 * headline with the hook, one card per fact (the post's body facts first, then others of the site's facts, said in
 * sentences), their order turned by the post's place in the sequence so a day's posts and the next day's differ,
 * and one end card with the call to action. The scenes fit the platform's ideal length.
 */
export function writeScript(m: Material, platform: PlatformId, hook: Line, body: Line[], callToAction: string, url: string): VideoScript {
  const [, idealMax] = BEST_PRACTICES[platform].idealSeconds;
  // A hook too long for a headline that carries a fact opens on that fact's own card (a cut quote or price would
  // state something the site never said); the voice still says the whole hook.
  const opening: Scene =
    hook.fact && graphemes(hook.text).length > ON_SCREEN_MAX
      ? { ...factScene(hook, hook.fact, m.turn), seconds: seconds(hook.text, 2) }
      : {
          template: "headline",
          onScreenText: capitalised(hook.text),
          voiceover: hook.text,
          visual: "kinetic headline",
          seconds: seconds(hook.text, 2),
        };
  const used = new Set<ConcreteFact>([hook.fact, ...body.map((l) => l.fact)].filter((f): f is ConcreteFact => !!f));
  const middle: Scene[] = [];
  for (const line of body) {
    if (line.fact) middle.push(factScene(line, line.fact, m.turn + middle.length));
    else if (line.part === "description")
      middle.push({
        template: "feature",
        onScreenText: capitalised(m.name),
        voiceover: line.text,
        visual: "feature card",
        seconds: seconds(line.text, 3),
      });
  }
  // More of the site's facts, from this post's place in the sequence on, each said in one of its kind's sentences.
  const n = m.facts.length;
  for (let k = 0; k < n && middle.length < MIDDLE_MAX; k++) {
    const fact = m.facts[(m.turn + k * 3) % n]!;
    if (used.has(fact)) continue;
    used.add(fact);
    middle.push(factScene(factLine(m, fact, m.turn + k), fact, m.turn + k));
  }
  // Rotate the middle so the same facts come in another order on another day.
  const r = middle.length ? m.day % middle.length : 0;
  let kept = [...middle.slice(r), ...middle.slice(0, r)];
  const end: Scene = {
    template: "end",
    onScreenText: callToAction,
    voiceover: endSentence(callToAction),
    visual: "end card: logo and link",
    seconds: 3,
  };
  while (kept.length > 1 && total([opening, ...kept, end]) > idealMax) kept = kept.slice(0, -1);
  if (kept.length === 0)
    kept.push({ template: "feature", onScreenText: m.name, voiceover: endSentence(m.name), visual: "feature card", seconds: 3 });
  return { hook: hook.text, scenes: [opening, ...kept, end], callToAction, url };
}

function total(scenes: Scene[]): number {
  return scenes.reduce((n, s) => n + s.seconds, 0);
}
