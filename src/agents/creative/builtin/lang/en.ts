import type { Phrases } from "./types";

/** English phrase table for the built-in writer (also the fallback for languages without a table). */
export const EN: Phrases = {
  code: "en",
  keepCase: false,
  frames: {
    number: [
      "By the numbers: {x}.",
      "One figure from the {name} page: {x}.",
      "A number worth a look: {x}.",
      "{name}, in one figure: {x}.",
      "Here is a number we like: {x}.",
      "Fact check, {name} edition: {x}.",
      "Numbers first: {x}.",
      "The short version, in numbers: {x}.",
    ],
    quote: [
      "“{x}” — {who}",
      "In a customer's own words: “{x}” ({who})",
      "What {person} told us: “{x}”",
      "Straight from a user, {who}: “{x}”",
      "We could not say it better than {person}: “{x}”",
      "A note from {person}: “{x}”",
      "A user's view, from {who}: “{x}”",
      "Heard from {person}: “{x}”",
    ],
    price: [
      "Pricing, plainly: {x}.",
      "What it costs: {x}.",
      "No guesswork on price: {x}.",
      "The plan at a glance: {x}.",
      "{name} pricing in one line: {x}.",
      "Before you ask about price: {x}.",
      "Straight talk on cost: {x}.",
      "What you pay: {x}.",
    ],
    scene: [
      "Small detail, big difference: {x}.",
      "Today's focus: {x}.",
      "What you get with {name}: {x}.",
      "Worth knowing: {x}.",
      "{name}, in practice: {x}.",
      "A closer look: {x}.",
      "One thing to try this week: {x}.",
      "Inside {name}: {x}.",
      "Picture this: {x}.",
      "On the list today: {x}.",
    ],
    audience: ["Made with these people in mind: {x}.", "A quick one for {x}.", "If this is you, read on: {x}.", "Written for {x}."],
  },
  description: ["{name} in one sentence: {x}", "Meet {name}. {x}", "New here? {x}"],
  bare: ["Here's {name} in under a minute.", "Ever wondered what {name} does? Quick tour.", "A quick look at {name}."],
  questions: [
    "What would you use it for first?",
    "Would this fit your week? Tell us below.",
    "Questions? Ask below, we read every comment.",
    "Which part would you try first?",
    "How do you handle this today?",
    "Curious: what is missing from your current setup?",
    "Tag someone who should see this.",
    "Have you tried something like it before?",
    "What should we show next?",
    "Save this for later if it helps.",
    "Tell us what you think in the comments.",
    "Would your team use this?",
  ],
  clickCtas: [
    "Try it here",
    "See it for yourself",
    "Take a look",
    "Give it a spin",
    "Have a look",
    "Start here",
    "See how it works",
    "Find out more",
    "Get started",
    "Read more",
    "Check it out",
    "Try {name}",
  ],
  domainCtas: [
    "Try it at {domain}.",
    "Find it at {domain}.",
    "Take a look at {domain}.",
    "More at {domain}.",
    "See it at {domain}.",
    "Link: {domain}.",
    "Start at {domain}.",
    "Have a look at {domain}.",
    "Give it a try at {domain}.",
    "Find {name} at {domain}.",
    "Everything else: {domain}.",
    "Visit {domain}.",
  ],
  ownCta: "{cta} at {domain}.",
  fallbackCta: "Try it",
  stopWords: (
    "a about above after again all almost already also always am an and any anyone anything are around as at be because been before being below " +
    "both but by can could did do does doing done down during each easy even every everyone everything everybody few for from further get gets " +
    "go goes good great has have having help here how i if in into is it its just keep know less let like made make makes many may more most " +
    "much must my need never new next no not now of off on once one only or other our out over own per plus put quick really right same see " +
    "should simple since so some someone something still such sure take than that the their them then there these they thing things this those " +
    "through to today too try under until up us use used using very via want was way we well were what when where which while who why will " +
    "with within without would you your yours yourself back side home page pricing free month year day week minutes hours time plan plans app apps"
  ).split(" "),
};
