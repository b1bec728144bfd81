import { describe, expect, test } from "bun:test";
import { readingAfter, readingTimes } from "../../src/metrics/cadence";

const t0 = new Date("2026-03-02T12:00:00Z");
const H = 3600_000;
const D = 24 * H;
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("metrics cadence", () => {
  test("hourly for the first 48 hours, daily to day 30, weekly to day 90, then stop", () => {
    const offsets = readingTimes(t0).map((d) => d.getTime() - t0.getTime());
    const expected = [
      ...Array.from({ length: 48 }, (_, i) => (i + 1) * H),
      ...Array.from({ length: 28 }, (_, i) => (i + 3) * D),
      ...[37, 44, 51, 58, 65, 72, 79, 86, 90].map((d) => d * D),
    ];
    expect(offsets).toEqual(expected);
  });

  test("a collector that was off skips the missed readings instead of catching up", () => {
    expect(readingAfter(t0, at(5 * H + 17 * 60_000))).toEqual(at(6 * H));
    expect(readingAfter(t0, at(48 * H))).toEqual(at(3 * D));
    expect(readingAfter(t0, at(10 * D + 5 * H))).toEqual(at(11 * D));
    expect(readingAfter(t0, at(30 * D))).toEqual(at(37 * D));
    expect(readingAfter(t0, at(88 * D))).toEqual(at(90 * D));
  });

  test("nothing after day 90; a reading exactly on a slot moves to the next one", () => {
    expect(readingAfter(t0, at(90 * D))).toBeUndefined();
    expect(readingAfter(t0, at(400 * D))).toBeUndefined();
    expect(readingAfter(t0, at(H))).toEqual(at(2 * H));
    expect(readingAfter(t0, t0)).toEqual(at(H));
  });
});
