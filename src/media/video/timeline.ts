import type { VideoScript } from "../../content/script";

/** One caption chunk burned in while its words are spoken. */
export interface CaptionCue {
  text: string;
  start: number;
  end: number;
}

/** One scene on the timeline. */
export interface TimedScene {
  index: number;
  start: number;
  duration: number;
  onScreenText: string;
  /** When the scene's voice line starts (absolute seconds), when it has one. */
  voiceStart?: number;
  captions: CaptionCue[];
}

/** The whole short: the hook window, the scenes, the end card and the total length. */
export interface Timeline {
  hook: { text: string; start: number; end: number };
  scenes: TimedScene[];
  endCard: { start: number; duration: number };
  total: number;
}

const VOICE_LEAD = 0.2;
const VOICE_TAIL = 0.35;
const END_CARD_SECONDS = 3;
const HOOK_SECONDS = 2;

/** Splits a voice line into caption chunks of a few words, each at most `maxChars` long. */
export function captionChunks(line: string, maxChars = 28): string[] {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur && (cur + " " + w).length > maxChars) out.push(cur), (cur = w);
    else cur = cur ? cur + " " + w : w;
  }
  if (cur) out.push(cur);
  return out;
}

// Chunks share the line's measured length in proportion to their characters (speech rate is near constant).
function cues(line: string, start: number, seconds: number): CaptionCue[] {
  const chunks = captionChunks(line);
  const total = chunks.reduce((n, c) => n + c.length + 1, 0);
  let t = start;
  return chunks.map((text) => {
    const d = (seconds * (text.length + 1)) / total;
    const cue = { text, start: t, end: t + d };
    t += d;
    return cue;
  });
}

/**
 * Lays out the short: each scene lasts its planned seconds or its measured voice line plus a breath,
 * whichever is longer; the hook covers the first 2 s; the end card follows the last scene.
 */
export function buildTimeline(script: VideoScript, voiceSeconds: (number | undefined)[], minTotal = 0): Timeline {
  let t = 0;
  const scenes: TimedScene[] = script.scenes.map((s, i) => {
    const v = voiceSeconds[i];
    const duration = Math.max(s.seconds || 0, v ? v + VOICE_LEAD + VOICE_TAIL : 0, 1.5);
    const voiceStart = v ? t + VOICE_LEAD : undefined;
    // A line the voice could not say (e.g. a script the engine does not read) is still captioned over the scene.
    const spoken = v ?? (s.voiceover.trim() ? duration - VOICE_LEAD - VOICE_TAIL : 0);
    const scene = {
      index: i,
      start: t,
      duration,
      onScreenText: s.onScreenText,
      voiceStart,
      captions: spoken > 0 ? cues(s.voiceover, t + VOICE_LEAD, spoken) : [],
    };
    t += duration;
    return scene;
  });
  const endDuration = Math.max(END_CARD_SECONDS, minTotal - t);
  return {
    hook: { text: script.hook, start: 0, end: Math.min(HOOK_SECONDS, t || HOOK_SECONDS) },
    scenes,
    endCard: { start: t, duration: endDuration },
    total: t + endDuration,
  };
}
