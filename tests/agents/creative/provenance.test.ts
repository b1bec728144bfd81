import { describe, expect, test } from "bun:test";
import { isFailed, writePost } from "../../../src/agents/creative";
import { allowedText, unsupportedClaims } from "../../../src/agents/creative/claims";
import type { PostDraft, WriteRequest } from "../../../src/agents/creative/types";
import type { ProductFacts } from "../../../src/agents/research/facts";
import { FixedAnswerGateway } from "../fixtures";

// A site on a loopback address whose page says "2 MB", "10 groups" and "fast": the old check let numbers ride on any of them.
const SITE = "http://127.0.0.1:4321/";
const FACTS: ProductFacts = {
  name: "Chatterbox",
  url: SITE,
  whatItDoes: "Chatterbox keeps your group chats in one fast inbox.",
  audience: "remote teams",
  features: ["Attachments up to 2 MB", "Mute up to 10 groups at once"],
  proofPoints: ["Used by 3,000 remote teams"],
  pricing: ["€8 / month"],
  tone: "friendly",
  keywords: ["group chat", "inbox"],
  snippets: [
    { url: SITE, text: "Chatterbox keeps your group chats in one fast inbox." },
    { url: `${SITE}features`, text: "Send attachments up to 2 MB." },
    { url: `${SITE}features`, text: "Mute up to 10 groups at once." },
    { url: SITE, text: "Used by 3,000 remote teams." },
    { url: `${SITE}pricing`, text: "Team: €8 / month." },
    { url: SITE, text: "“It replaced three apps for us.” — Ana Ruiz, Head of Support at Lumen" },
  ],
};
const allowed = allowedText(FACTS);

describe("claims need a supporting sentence, not just a matching number", () => {
  test("a number is backed only with its noun or unit from the same source sentence, never by the site's address", () => {
    expect(unsupportedClaims("Chatterbox is 127% faster than email.", allowed)).toEqual(["the number 127"]);
    expect(unsupportedClaims("Saves 10 hours a week.", allowed)[0]).toMatch(/^the number 10 with "hour"/);
    expect(unsupportedClaims("Join 3,000 happy families.", allowed)[0]).toMatch(/^the number 3000 with "happy"/);
    expect(unsupportedClaims("Mute 10 groups in one tap.", allowed)).toEqual([]);
    expect(unsupportedClaims("Trusted: 3,000 remote teams use it.", allowed)).toEqual([]);
    expect(unsupportedClaims("Only €8 a month.", allowed)).toEqual([]);
    expect(unsupportedClaims("Only $8 a month.", allowed)).toEqual(['the number 8 with "month" (the site gives it for something else)']);
  });

  test("certifications, superlatives, rankings, scarcity and guarantees need their phrase on the site", () => {
    expect(unsupportedClaims("SOC 2 Type II audited.", allowed)).toContain('"soc 2"');
    expect(unsupportedClaims("Fully GDPR and HIPAA compliant.", allowed)).toEqual(['"gdpr"', '"hipaa"', '"compliant"']);
    expect(unsupportedClaims("The fastest app on the market.", allowed)).toEqual(['"fastest"']);
    expect(unsupportedClaims("Voted Product of the Day on Product Hunt.", allowed)).toEqual([
      '"voted"',
      '"product of the day"',
      '"product hunt"',
    ]);
    expect(unsupportedClaims("Hurry, spots left are few.", allowed)).toEqual(['"hurry"', '"spots left"']);
    expect(unsupportedClaims("Money-back guarantee, no questions asked.", allowed).length).toBe(3);
    expect(unsupportedClaims("A fast inbox for your group chats.", allowed)).toEqual([]);
  });

  test("testimonials of three shapes: double-quoted, single-quoted and told indirectly", () => {
    expect(unsupportedClaims("“It replaced three apps for us.”", allowed)).toEqual([]);
    expect(unsupportedClaims("'It changed how our whole team works,' says a customer.", allowed)).toEqual([
      'the quote "it changed how our whole team works,"',
    ]);
    expect(unsupportedClaims("Jane, a CTO at Acme, calls it a lifesaver.", allowed)).toEqual(['the testimonial "Jane, a CTO at Acme"']);
    expect(unsupportedClaims("Mark swears by it.", allowed)).toEqual(['the testimonial "Mark swears by"']);
    expect(unsupportedClaims("Ana Ruiz, Head of Support at Lumen: it replaced three apps for us.", allowed)).toEqual([]);
    // The person is real, the words are not hers: kept for a person to decide, with the reason.
    expect(unsupportedClaims("Ana Ruiz, Head of Support at Lumen, calls it a lifesaver.", allowed)).toEqual([
      'the testimonial "Ana Ruiz, Head of Support at Lumen" (the site does not quote them saying this)',
    ]);
  });
});

function request(o: Partial<WriteRequest> = {}): WriteRequest {
  return {
    appId: 1,
    localDate: "2026-03-02",
    platform: "linkedin",
    variant: "A",
    facts: FACTS,
    trends: [],
    callToAction: "",
    linkUrl: `${SITE}?utm_source=linkedin`,
    ...o,
  };
}

const planted = {
  title: "",
  hook: "Your group chats, in one fast inbox.",
  body: "Mute 10 groups at once. Saves 10 hours a week. Chatterbox is 127% faster than email. SOC 2 Type II audited.",
  callToAction: "Get 50% off with code LAUNCH50, only 100 spots left",
  hashtags: ["GroupChat", "AwardWinning", "No1App", "Inbox", "CocheLes"],
  scenes: [
    { onScreenText: "One inbox", voiceover: "Your group chats, in one fast inbox.", visual: "brand gradient zoom", seconds: 3 },
    { onScreenText: "Voted #1", voiceover: "Voted Product of the Day on Product Hunt.", visual: "quote card", seconds: 3 },
    { onScreenText: "Try it", voiceover: "Try it today.", visual: "end card", seconds: 3 },
  ],
};

describe("a post is checked in every field and keeps its sources", () => {
  test("invented claims go (also from the call to action and hashtags); claims near a real fact stay, flagged", async () => {
    const post = (await writePost(new FixedAnswerGateway(() => planted), 1, request())) as PostDraft;
    expect(isFailed(post)).toBe(false);
    expect(post.caption).not.toContain("127%");
    expect(post.caption).not.toContain("SOC 2");
    expect(post.caption).not.toContain("50%");
    expect(post.caption).not.toContain("LAUNCH50");
    expect(post.caption).toContain(`Try it → ${SITE}?utm_source=linkedin`);
    expect(post.hashtags).toEqual(["GroupChat", "Inbox"]);
    expect(post.script!.scenes.map((s) => s.voiceover).join(" ")).not.toContain("Product Hunt");
    // "10 hours" is not what the site says of 10, but 10 is on the site: a person decides.
    expect(post.caption).toContain("Saves 10 hours a week.");
    expect(post.unsupportedClaims).toEqual([
      { text: "Saves 10 hours a week.", reason: expect.stringContaining('the number 10 with "hour"') },
    ]);
    const mute = post.sources.find((s) => s.text === "Mute 10 groups at once.");
    expect(mute).toEqual({
      field: "text",
      text: "Mute 10 groups at once.",
      url: `${SITE}features`,
      snippet: "Mute up to 10 groups at once.",
    });
    expect(post.sources.find((s) => s.text === "Your group chats, in one fast inbox.")?.snippet).toBe(
      "Chatterbox keeps your group chats in one fast inbox.",
    );
  });

  test("the owner's own call to action is a source", async () => {
    const post = (await writePost(
      new FixedAnswerGateway(() => ({ ...planted, callToAction: "Start your 14-day trial" })),
      1,
      request({ callToAction: "Start your 14-day trial" }),
    )) as PostDraft;
    expect(post.caption).toContain("Start your 14-day trial");
    expect(post.sources.find((s) => s.field === "call to action")?.url).toBe("settings");
  });
});

test("a hashtag made of a hyphenated site word is the site's word", async () => {
  const facts: ProductFacts = { ...FACTS, features: [...FACTS.features, "Family-sized group chats"] };
  const post = (await writePost(
    new FixedAnswerGateway(() => ({ ...planted, hashtags: ["FamilySized", "GroupChat", "CocheLes"] })),
    1,
    request({ facts }),
  )) as PostDraft;
  expect(post.hashtags).toEqual(["FamilySized", "GroupChat"]);
});
