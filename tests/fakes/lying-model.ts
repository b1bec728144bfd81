import { openAiAnswer, startFakeOpenAi, type FakeOpenAi } from "./openai";
import type { RecordedRequest } from "./scripted-server";

/**
 * The claims a lying model plants, each as a marker that must never reach a post unflagged: numbers in a false
 * context, rankings, awards, quotes of three shapes, superlatives, certifications, a discount and scarcity in
 * the call to action, and bogus hashtags.
 */
export const PLANTED = [
  "10 hours",
  "40,000 companies",
  "127%",
  "Product Hunt",
  "award-winning",
  "cut our API testing time",
  "It just works every time",
  "lifesaver",
  "fastest",
  "SOC 2",
  "HIPAA",
  "50%",
  "LAUNCH50",
  "100 spots",
  "1 million",
  "No1",
  "AwardWinning",
  "YouReBack",
  "GDPRCompliant",
] as const;

/** A research answer inventing in every field research stores. */
export const LYING_RESEARCH = {
  name: "HITOP Pro Max",
  url: "x",
  whatItDoes: "HITOP is the fastest API client on the market. HITOP sends HTTP requests and shows the responses side by side.",
  audience: "Fortune 500 companies",
  features: ["SOC 2 Type II certified", "Voted Product of the Day on Product Hunt", "Collections you can share", "AI test generation"],
  proofPoints: ["Used by 40,000 developers", "Saves 10 hours a week"],
  pricing: ["20€ / month", "50% off with code LAUNCH50"],
  tone: "technical",
  keywords: ["http client", "blockchain"],
};

/** A post answer planting one claim of each kind, in every field (title, hook, text, call to action, hashtags, scenes, thread, first comment). */
export const LYING_POST = {
  title: "HITOP: the award-winning API client",
  hook: "The fastest API client on the market.",
  body: [
    "Collections you can share, environments per project.",
    "Saves 10 hours a week.",
    "Trusted by 40,000 companies.",
    "127% faster than your old client.",
    "Voted Product of the Day on Product Hunt.",
    '"HITOP cut our API testing time in half," says a happy user.',
    "'It just works every time,' says Tom.",
    "Jane, a CTO at Acme, calls it a lifesaver.",
    "SOC 2 Type II audited and fully GDPR and HIPAA compliant.",
  ].join("\n"),
  callToAction: "Get 50% off with code LAUNCH50, only 100 spots left",
  hashtags: ["HITOP", "No1ApiClient", "AwardWinning", "YouReBack", "GDPRCompliant", "HttpClient"],
  scenes: [
    { onScreenText: "HITOP", voiceover: "Send HTTP requests and see the answers side by side.", visual: "brand gradient zoom", seconds: 3 },
    { onScreenText: "1 million fans", voiceover: "Loved by 1 million developers.", visual: "quote card", seconds: 3 },
    { onScreenText: "50% off", voiceover: "Get 50% off with code LAUNCH50.", visual: "end card", seconds: 3 },
  ],
  // Where the post takes them: an X thread's posts and the first comment (Instagram, LinkedIn) plant claims too.
  thread: [
    "The fastest API client on the market.",
    "Trusted by 40,000 companies.",
    "Voted Product of the Day on Product Hunt.",
    "Get 50% off with code LAUNCH50, only 100 spots left",
  ],
  firstComment: "Jane, a CTO at Acme, calls it a lifesaver. Get 50% off with code LAUNCH50",
};

/** An OpenAI-compatible server that answers research with LYING_RESEARCH and every post with LYING_POST. */
export function startLyingModel(): FakeOpenAi {
  return startFakeOpenAi({
    fallback: (req: RecordedRequest) => {
      const props = req.body.response_format?.json_schema?.schema?.properties ?? {};
      return openAiAnswer("features" in props ? LYING_RESEARCH : LYING_POST);
    },
  });
}
