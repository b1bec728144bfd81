import { describe, expect, test } from "bun:test";
import { captionLength, checkPost, weightedLength } from "../../src/platforms/rules";

// X counts as twitter-text's config v3 does: every URL 23 (t.co), code points in U+0000-U+10FF, U+2000-U+200D,
// U+2010-U+201F and U+2032-U+2037 weigh 1, everything else (CJK, emoji, ...) 2; an emoji sequence counts once.
describe("X's weighted length", () => {
  test("plain Latin text counts one per character", () => {
    expect(weightedLength("Ship faster")).toBe(11);
    expect(weightedLength("Café déjà vu")).toBe(12);
    expect(weightedLength("")).toBe(0);
  });

  test("every URL counts 23, however long or short", () => {
    expect(weightedLength("https://a.co")).toBe(23);
    expect(weightedLength(`https://example.com/${"x".repeat(200)}?utm_source=x`)).toBe(23);
    expect(weightedLength("Try it: https://app.example.com/ and http://b.example")).toBe(8 + 23 + 5 + 23);
  });

  test("CJK characters count 2", () => {
    expect(weightedLength("日本語")).toBe(6);
    expect(weightedLength("한국어")).toBe(6);
    expect(weightedLength("ok 中文")).toBe(3 + 4);
  });

  test("an emoji counts 2, a joined or modified emoji sequence too", () => {
    expect(weightedLength("👍")).toBe(2);
    expect(weightedLength("👍🏽")).toBe(2);
    expect(weightedLength("👨‍👩‍👧")).toBe(2);
    expect(weightedLength("🇩🇪")).toBe(2);
    expect(weightedLength("Hi 👋")).toBe(3 + 2);
  });

  test("general punctuation in the light ranges counts 1; other symbols 2", () => {
    expect(weightedLength("—")).toBe(1); // U+2014
    expect(weightedLength("“quoted”")).toBe(8); // U+201C, U+201D
    expect(weightedLength("€")).toBe(2); // U+20AC is outside the light ranges
  });

  test("the limit is 280 weighted: 140 CJK characters fit, 141 do not; other platforms count characters", () => {
    expect(checkPost("x", { caption: "字".repeat(140), hashtags: [] })).toEqual([]);
    expect(checkPost("x", { caption: "字".repeat(141), hashtags: [] }).join(" ")).toContain("this post has 282");
    expect(captionLength("x", `${"a".repeat(257)} https://example.com/long/path`)).toBe(281);
    expect(captionLength("linkedin", "日本語 https://example.com/")).toBe([..."日本語 https://example.com/"].length);
  });
});
