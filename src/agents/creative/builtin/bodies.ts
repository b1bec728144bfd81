import type { PlatformId } from "../../../platforms/ids";
import type { Material } from "./hooks";
import { asPhrase, endSentence, lowerFirst, pick, sentences } from "./text";

/** The body of a post: the lines between the hook and the call to action. */
export type BodyBuilder = (m: Material, hookStyle: string) => string;

const BULLETS: Record<PlatformId, string> = { youtube: "•", tiktok: "✅", instagram: "✨", facebook: "✔️", x: "→", linkedin: "→" };

function bulletList(m: Material, platform: PlatformId, n: number): string {
  return m.features
    .slice(0, n)
    .map((f) => `${BULLETS[platform]} ${asPhrase(f)}`)
    .join("\n");
}

function explain(m: Material, hookStyle: string): string {
  if (hookStyle === "what-it-does" || !m.facts.whatItDoes) {
    const second = m.facts.whatItDoes.split(/(?<=[.!?])\s+/)[1];
    return second ?? (m.feature ? `Favourite part: ${lowerFirst(endSentence(asPhrase(m.feature)))}` : "");
  }
  return m.facts.whatItDoes;
}

function proofLine(m: Material, hookStyle: string): string {
  return m.proof && hookStyle !== "proof-first" ? endSentence(m.proof) : "";
}

function needsList(hookStyle: string): boolean {
  return hookStyle === "list-promise" || hookStyle === "price-led";
}

function join(...parts: string[]): string {
  return parts.filter((p) => p.trim().length > 0).join("\n\n");
}

const ENGAGE = [
  "What would you use it for first?",
  "Would this save you time? Tell us in the comments.",
  "Curious what you think: would this fit your week?",
  "Questions? Ask below, we read every comment.",
];

/** Per platform, two structures (A and B variants differ in shape, not just words). */
export const BODIES: Record<PlatformId, [BodyBuilder, BodyBuilder]> = {
  x: [
    (m, h) => (needsList(h) ? bulletList(m, "x", 3) : firstOf(explain(m, h))),
    (m, h) =>
      needsList(h)
        ? bulletList(m, "x", 2)
        : m.feature && h !== "feature-spotlight"
          ? `Favourite part: ${lowerFirst(endSentence(asPhrase(m.feature)))}`
          : firstOf(explain(m, h)),
  ],
  tiktok: [
    (m, h) => join(needsList(h) ? bulletList(m, "tiktok", 3) : firstOf(explain(m, h))),
    (m, h) => join(needsList(h) ? bulletList(m, "tiktok", 3) : firstOf(explain(m, h)), proofLine(m, h)),
  ],
  instagram: [
    (m, h) => join(needsList(h) ? "" : firstOf(explain(m, h)), bulletList(m, "instagram", 3)),
    (m, h) => join(explain(m, h), proofLine(m, h), needsList(h) ? bulletList(m, "instagram", 3) : ""),
  ],
  facebook: [
    (m, h) => join(explain(m, h), needsList(h) ? bulletList(m, "facebook", 3) : ""),
    (m, h) => join(needsList(h) ? bulletList(m, "facebook", 3) : explain(m, h), proofLine(m, h), pick(m.rng, ENGAGE)),
  ],
  linkedin: [
    (m, h) =>
      join(
        explain(m, h),
        m.features.length > 0 ? `What you get:\n${bulletList(m, "linkedin", 3)}` : "",
        proofLine(m, h),
        pick(m.rng, ENGAGE),
      ),
    (m, h) =>
      join(
        explain(m, h),
        m.facts.audience ? endSentence(`We built it for ${asPhrase(m.facts.audience).toLowerCase()}`) : "",
        bulletList(m, "linkedin", 3),
        proofLine(m, h),
      ),
  ],
  youtube: [
    (m, h) =>
      needsList(h)
        ? join(bulletList(m, "youtube", 3), explain(m, h), proofLine(m, h))
        : join(explain(m, h), bulletList(m, "youtube", 3), proofLine(m, h)),
    (m, h) =>
      needsList(h) ? join(bulletList(m, "youtube", 3), proofLine(m, h)) : join(explain(m, h), proofLine(m, h), bulletList(m, "youtube", 4)),
  ],
};

function firstOf(text: string): string {
  return sentences(text)[0] ?? "";
}
