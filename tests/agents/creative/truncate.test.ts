import { expect, test } from "bun:test";
import { truncateWords } from "../../../src/agents/creative/builtin/text";

test("a cut text never ends on a number that lost its unit or inside parentheses (a claim the site never made)", () => {
  const prices = "Die Preise von Vorrat in einer Zeile: Basis (0 € / Monat), Pro (4 € / Monat)";
  expect(truncateWords(prices, 46)).toBe("Die Preise von Vorrat in einer Zeile: Basis…");
  expect(truncateWords("Responses under 2 MB open instantly, even on slow phones", 20)).toBe("Responses under…");
  // Words and whole phrases are kept as before; short texts are untouched.
  expect(truncateWords("Keep every note you write offline, forever and everywhere", 30)).toBe("Keep every note you write…");
  expect(truncateWords("Plans from 4 € a month", 40)).toBe("Plans from 4 € a month");
});
