import type { ScenePlan } from "../design/plan";
import type { Box } from "../design/tokens";

/**
 * How long each scene after the first opens on its card without text (seconds): the cross-fade into it runs over
 * this opening, so a cut never blends two text layers.
 */
export const TRANSITION = 0.3;
/** How long a card's own text holds before the voice (and its captions) start: long enough to read a few words. */
export const CARD_BEAT = 1.0;
const TAIL = 0.35;
const MIN_SCENE = 1.5;

/** One caption chunk burned in while its words are spoken. */
export interface CaptionCue {
  text: string;
  start: number;
  end: number;
}

/** One scene on the short's clock: when its card text shows, when its voice starts, and its word-timed captions. */
export interface ScheduledScene {
  index: number;
  start: number;
  duration: number;
  /** The card's own text is up from titleStart to titleEnd (absent for the kinetic headline, whose captions are its text). */
  title?: { start: number; end: number };
  voiceStart?: number;
  captions: CaptionCue[];
}

/** One text layer on screen, as the frame checks and the item's media record see it. */
export interface TextWindow {
  scene: number;
  template: string;
  layer: "card" | "caption";
  text: string;
  box: Box;
  start: number;
  end: number;
}

/** Caption chunks of at most `maxChars`, breaking after punctuation where it can. */
export function wordChunks(line: string, maxChars: number): string[] {
  const out: string[] = [];
  let cur = "";
  for (const w of line.trim().split(/\s+/).filter(Boolean)) {
    if (cur && (cur + " " + w).length > maxChars) out.push(cur), (cur = w);
    else cur = cur ? `${cur} ${w}` : w;
    if (/[,.;:!?]$/.test(w) && cur.length >= maxChars / 2) out.push(cur), (cur = "");
  }
  if (cur) out.push(cur);
  return out;
}

// Word timing from the synthesised length: each word takes time in proportion to its letters plus a pause after
// punctuation, so a chunk shows from its first word's start to its last word's end.
function timedCues(line: string, start: number, seconds: number, maxChars: number): CaptionCue[] {
  const chunks = wordChunks(line, maxChars);
  const weight = (c: string) => c.split(/\s+/).reduce((n, w) => n + w.length + 1 + (/[,.;:!?]$/.test(w) ? 3 : 0), 0);
  const total = chunks.reduce((n, c) => n + weight(c), 0) || 1;
  let t = start;
  return chunks.map((text) => {
    const d = (seconds * weight(text)) / total;
    const cue = { text, start: t, end: t + d };
    t += d;
    return cue;
  });
}

/**
 * Lays the scenes on one clock: a captioned card scene opens textless for the transition (not the first scene, which
 * nothing fades into), shows its own text for CARD_BEAT, then the voice speaks with word-timed captions; the kinetic
 * headline's captions are its text; the end card keeps its text while the voice says the call to action. A spoken,
 * captioned scene lasts what its voice needs (its planned seconds would only add a textless, silent stretch); a
 * scene with nothing to say, and the end card, last at least their planned seconds; the last scene stretches to the
 * platform's minimum length.
 */
export function scheduleScenes(
  plans: ScenePlan[],
  lines: string[],
  planned: number[],
  voiceSeconds: (number | undefined)[],
  minTotal = 0,
): { scenes: ScheduledScene[]; total: number } {
  let t = 0;
  const scenes = plans.map((p, i): ScheduledScene => {
    const v = voiceSeconds[i];
    const line = lines[i]?.trim() ?? "";
    const hasCard = p.template !== "headline";
    const opening = i === 0 ? 0 : TRANSITION;
    const lead = opening + (hasCard && p.captions ? CARD_BEAT : 0);
    // A line the voice could not say is still captioned, over a length read from its words.
    const spoken = v ?? (line ? Math.max(1, line.split(/\s+/).length / 2.5) : 0);
    const floor = p.captions && spoken > 0 ? 0 : (planned[i] ?? 0);
    let duration = Math.max(floor, lead + spoken + TAIL, hasCard ? lead + TAIL + 0.5 : MIN_SCENE, MIN_SCENE);
    if (i === plans.length - 1) duration = Math.max(duration, minTotal - t);
    const start = t;
    t += duration;
    return {
      index: i,
      start,
      duration,
      title: hasCard ? { start: start + opening, end: p.captions ? start + lead : start + duration } : undefined,
      voiceStart: v ? start + lead : undefined,
      captions: p.captions && spoken > 0 ? timedCues(line, start + lead, spoken, p.template === "headline" ? 18 : 26) : [],
    };
  });
  return { scenes, total: t };
}

/** Every text layer of the short with its box and time: at any moment at most one is on screen. */
export function textWindows(plans: ScenePlan[], scenes: ScheduledScene[]): TextWindow[] {
  return scenes.flatMap((s) => {
    const p = plans[s.index]!;
    const card: TextWindow[] = s.title
      ? p.card.text.map((l) => ({ scene: s.index, template: p.template, layer: "card", text: l.text, box: l.box, ...s.title! }))
      : [];
    const caps: TextWindow[] = s.captions.map((c) => ({
      scene: s.index,
      template: p.template,
      layer: "caption",
      text: c.text,
      box: p.caption.box,
      start: c.start,
      end: c.end,
    }));
    return [...card, ...caps];
  });
}
