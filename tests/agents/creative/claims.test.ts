import { describe, expect, test } from "bun:test";
import { allowedText, dropUnsupported, unsupportedClaims } from "../../../src/agents/creative/claims";
import { PANTRY_FACTS } from "../fixtures";

// Each rule gets examples that trip only that rule (no number in the award or quote sentences),
// so switching one rule off cannot hide behind another.
const allowed = allowedText(PANTRY_FACTS);

describe("the claims check, one rule at a time", () => {
  test("numbers: a count the site never states is refused; one it states passes", () => {
    expect(unsupportedClaims("Pantry Pal comes with 500 recipes.", allowed)).toEqual(["the number 500"]);
    expect(unsupportedClaims("Plans cost $9.99/month.", allowed)).toEqual(["the number 9.99"]);
    expect(unsupportedClaims("Plans cost $4.99/month.", allowed)).toEqual([]);
    expect(unsupportedClaims("Trusted by 12,000 home cooks.", allowed)).toEqual([]);
    expect(unsupportedClaims("3 reasons to plan dinner from your fridge.", allowed)).toEqual([]);
  });

  test("banned phrases: awards, rankings and endorsements are refused unless the site says them", () => {
    expect(unsupportedClaims("The award-winning planner for busy parents.", allowed)).toEqual(['"award-winning"']);
    expect(unsupportedClaims("The market-leading way to use up leftovers.", allowed)).toEqual(['"market-leading"']);
    expect(unsupportedClaims("As seen on TV: dinner from your fridge.", allowed)).toEqual(['"as seen on"']);
    expect(unsupportedClaims("Loved by busy parents everywhere.", allowed)).toEqual(['"loved by"']);
    expect(unsupportedClaims("Trusted by home cooks.", allowed)).toEqual([]); // the site says "trusted by"
    expect(unsupportedClaims("The award-winning planner.", allowedText({ ...PANTRY_FACTS, proofPoints: ["Award-winning app"] }))).toEqual(
      [],
    );
  });

  test("quotes: a testimonial the site does not carry is refused; the site's own quote passes", () => {
    expect(unsupportedClaims('Parents tell us "this app changed how we cook dinner" and we agree.', allowed)).toEqual([
      'the quote "this app changed how we cook dinner"',
    ]);
    expect(unsupportedClaims("“Dinner is finally easy again” says a happy parent.", allowed)).toEqual([
      'the quote "dinner is finally easy again"',
    ]);
    expect(unsupportedClaims('Maria says "We throw away half as much food now."', allowed)).toEqual([]);
    expect(unsupportedClaims('Scan your "groceries" in the app.', allowed)).toEqual([]); // under 10 characters: not a quote
  });

  test("dropUnsupported removes only the sentences that break a rule and says why", () => {
    const { text, notes } = dropUnsupported(
      'Dinner from your fridge. The award-winning planner. Parents say "it saved our weeknights completely". Scan and go.',
      allowed,
      "caption",
    );
    expect(text).toBe("Dinner from your fridge. Scan and go.");
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('"award-winning" not found on the site');
    expect(notes[1]).toContain('the quote "it saved our weeknights completely" not found on the site');
  });
});
