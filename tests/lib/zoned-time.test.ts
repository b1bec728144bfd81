import { describe, expect, test } from "bun:test";
import { formatInZone, formatLocal, formatUsd } from "../../src/lib/format";
import { fromDatetimeLocal, isTimeZone, localDate, localMinutes, localParts, toDatetimeLocal, zonedTime } from "../../src/lib/zoned-time";

describe("zoned time", () => {
  const at = new Date("2026-03-29T00:30:00Z"); // the night Europe/Berlin springs forward (02:00 -> 03:00 local)

  test("local date, minutes and weekday of an instant in a zone", () => {
    expect(localDate(at, "Europe/Berlin")).toBe("2026-03-29");
    expect(localDate(at, "America/New_York")).toBe("2026-03-28");
    expect(localMinutes(at, "Europe/Berlin")).toBe(90);
    expect(localParts(at, "Europe/Berlin").weekday).toBe(0);
  });

  test("an unknown zone reads as UTC everywhere (one fallback for every caller)", () => {
    expect(localDate(new Date("2026-03-28T23:30:00Z"), "Mars/Olympus")).toBe("2026-03-28");
    expect(formatLocal(new Date("2026-03-02T14:30:00Z"), "Mars/Olympus")).toBe(formatLocal(new Date("2026-03-02T14:30:00Z"), "UTC"));
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("UTC")).toBe(true);
  });

  test("datetime-local values round-trip through a zone, and a time skipped by DST moves forward", () => {
    const planned = new Date("2026-03-02T13:00:00Z");
    expect(toDatetimeLocal(planned, "Europe/Berlin")).toBe("2026-03-02T14:00");
    expect(fromDatetimeLocal("2026-03-02T14:00", "Europe/Berlin")?.toISOString()).toBe(planned.toISOString());
    expect(fromDatetimeLocal("2026-03-02 14:00", "Europe/Berlin")).toBeUndefined();
    expect(zonedTime("2026-03-29", 2, 30, "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedTime("2026-10-25", 2, 30, "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  test("formats: planned time, date with year, dollars", () => {
    const t = new Date("2026-03-02T13:00:00Z");
    expect(formatLocal(t, "Europe/Berlin")).toBe("Mon 2 Mar, 14:00");
    expect(formatInZone(t, "UTC")).toBe("2 Mar 2026, 13:00");
    expect(formatUsd(0.0042)).toBe("$0.0042");
    expect(formatUsd(1.5)).toBe("$1.50");
  });
});
