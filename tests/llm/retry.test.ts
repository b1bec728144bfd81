import { describe, expect, test } from "bun:test";
import { Type } from "@sinclair/typebox";
import { formatUsd } from "../../src/lib/format";
import { estimateCostUsd, monthStartUtc } from "../../src/llm/budget";
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from "../../src/llm/retry";
import { parseAnswer } from "../../src/llm/validate";

const now = new Date("2026-03-02T12:00:00Z");

describe("retry timing", () => {
  test("Retry-After in seconds, as an HTTP date, and retry-after-ms", () => {
    expect(parseRetryAfter(new Headers({ "retry-after": "30" }), now)).toBe(30_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Mon, 02 Mar 2026 12:01:30 GMT" }), now)).toBe(90_000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Mon, 02 Mar 2026 11:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "1500", "retry-after": "2" }), now)).toBe(1500);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });

  test("backoff doubles, is jittered between half and all, and is capped", () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, DEFAULT_RETRY_POLICY, () => 0))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((n) => backoffMs(n, DEFAULT_RETRY_POLICY, () => 1))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffMs(20, DEFAULT_RETRY_POLICY, () => 1)).toBe(DEFAULT_RETRY_POLICY.capMs);
  });
});

describe("budget arithmetic", () => {
  test("the month starts at 00:00 UTC on the 1st, whatever the user's zone", () => {
    expect(monthStartUtc(new Date("2026-03-31T23:59:59Z")).toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(monthStartUtc(new Date("2026-04-01T00:00:00Z")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  test("estimate: prompt characters / 4 at the input price plus the whole output allowance", () => {
    const cfg = { priceInPerMillion: 2, priceOutPerMillion: 10 } as Parameters<typeof estimateCostUsd>[0];
    expect(estimateCostUsd(cfg, 4000, 1000)).toBeCloseTo((1000 * 2 + 1000 * 10) / 1e6, 12);
    expect(formatUsd(12.5)).toBe("$12.50");
    expect(formatUsd(0.0012)).toBe("$0.0012");
  });
});

describe("answer validation", () => {
  const schema = Type.Object({ n: Type.Integer() });
  test("accepts a fenced JSON answer, reports parse and schema errors in words", () => {
    expect(parseAnswer('```json\n{"n": 3}\n```', schema)).toEqual({ ok: true, data: { n: 3 } });
    const bad = parseAnswer('{"n": "three"}', schema);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain("/n: Expected integer");
    const broken = parseAnswer("{n:", schema);
    if (!broken.ok) expect(broken.error).toContain("not valid JSON");
  });
});
