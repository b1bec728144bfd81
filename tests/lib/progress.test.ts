import { expect, test } from "bun:test";
import { readProgress, stepProgress, timeLeftText } from "../../src/lib/progress";

const start = new Date("2026-03-02T12:00:00Z");
const at = (s: number) => new Date(start.getTime() + s * 1000);

test("a heartbeat's '40% encoding' 10 s into the attempt reads as 40%, the note, and 15 s left", () => {
  expect(readProgress("40% encoding the short", start, at(10))).toEqual({ percent: 40, note: "encoding the short", secondsLeft: 15 });
});

test("no estimate before 10% or without a start time; none at 100%; text without a percent is the note", () => {
  expect(readProgress("2% waiting for a render slot", start, at(10)).secondsLeft).toBeUndefined();
  expect(readProgress("8% speaking the voiceover", start, at(40)).secondsLeft).toBeUndefined();
  expect(readProgress("50% x", null, at(10)).secondsLeft).toBeUndefined();
  expect(readProgress("100% media ready", start, at(10))).toEqual({ percent: 100, note: "media ready" });
  expect(readProgress("", start, at(1))).toEqual({ percent: 0, note: "" });
  expect(readProgress("starting", start, at(1))).toEqual({ percent: 0, note: "starting" });
});

test("steps done of steps, and the time left in words", () => {
  expect(stepProgress(2, 5, start, at(20), "writing").percent).toBe(40);
  expect(stepProgress(2, 5, start, at(20)).secondsLeft).toBe(30);
  expect(timeLeftText(undefined)).toBe("");
  expect(timeLeftText(3)).toBe("a few seconds left");
  expect(timeLeftText(42)).toBe("about 40 s left");
  expect(timeLeftText(200)).toBe("about 3 min left");
});
