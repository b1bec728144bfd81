/** How far a long piece of work is, read from what its job reported: percent done, what it is doing, and the time left. */
export interface WorkProgress {
  /** 0-100, from the job's measured progress (ffmpeg's position, or steps done of steps). */
  percent: number;
  /** What it is doing now ("encoding the short"), "" when it has not said. */
  note: string;
  /** Seconds left at the speed so far; undefined until enough is done to tell. */
  secondsLeft?: number;
}

// Below this share the speed so far says little: a render's first phases (backgrounds, voice-over) sit at 2-8% for
// most of a minute, and an estimate from them grew from 3 to 6 minutes before encoding began. No estimate until then.
const MIN_PERCENT_FOR_ESTIMATE = 10;

/**
 * Reads a job's progress text ("42% encoding the short", written by its heartbeat) and when its attempt started
 * into percent, note and time left (elapsed time scaled by the share still to do).
 */
export function readProgress(text: string, startedAt: Date | null, now: Date): WorkProgress {
  const m = /^(\d{1,3})%\s*(.*)$/.exec(text.trim());
  const percent = m ? Math.min(100, Number(m[1])) : 0;
  const note = m ? m[2]! : text.trim();
  if (!startedAt || percent < MIN_PERCENT_FOR_ESTIMATE || percent >= 100) return { percent, note };
  const elapsed = Math.max(0, (now.getTime() - startedAt.getTime()) / 1000);
  return { percent, note, secondsLeft: Math.round((elapsed * (100 - percent)) / percent) };
}

/** Steps done of steps as progress (a pipeline run: research, write, media, plan, queue). */
export function stepProgress(done: number, total: number, startedAt: Date | null, now: Date, note = ""): WorkProgress {
  const percent = total > 0 ? Math.round((100 * Math.min(done, total)) / total) : 0;
  return readProgress(`${percent}% ${note}`, startedAt, now);
}

/** "about 40 s left", "about 3 min left", or "" when there is no estimate. */
export function timeLeftText(secondsLeft: number | undefined): string {
  if (secondsLeft === undefined) return "";
  if (secondsLeft < 5) return "a few seconds left";
  if (secondsLeft < 90) return `about ${Math.round(secondsLeft / 5) * 5} s left`;
  return `about ${Math.round(secondsLeft / 60)} min left`;
}
