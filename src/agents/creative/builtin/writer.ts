import { PLATFORM_IDS } from "../../../platforms/ids";
import { BEST_PRACTICES } from "../../research/best-practices";
import type { ProductFacts } from "../../research/facts";
import { composeCaption } from "../fit";
import { HASHTAG_RANGE, type HashtagBand, lengthBand } from "../arm-words";
import { hashtagCandidates, pickHashtags } from "../hashtags";
import type { PostParts, WriteRequest } from "../types";
import { writeBody } from "./bodies";
import { concreteFacts } from "./concrete";
import { chooseHook, POSTS_PER_DAY, styleHook, type Line, type Material } from "./hooks";
import { fill, phrasesFor } from "./lang";
import type { Phrases } from "./lang/types";
import { writeScript } from "./script";
import { writeThreadPosts } from "./thread";
import { asPhrase, dayNumber, displayDomain, isPublicHostname, sentences } from "./text";

/** The label the built-in writer puts on its items (the UI shows it). */
export const BUILTIN_WRITER = "builtin";

// A regeneration moves five posts along the sequence: another fact, another template.
const REVISION_STEP = 5;

/**
 * The offline writer: composes a post from the research facts in the site's language, built around one concrete
 * fact (a number with its noun, a named testimonial, a price with its plan, a use scene). Deterministic per
 * (app, date, platform, variant, revision); the post's turn in the app's sequence spreads a batch's facts,
 * rotates templates and body shapes day by day, and a regeneration (revision 1, 2, ...) takes a different fact.
 * The learner's request (`req.arms`) restyles the opening, picks the body shape for the structure and caption-length
 * band and cuts the hashtags to their band where it can; otherwise the rotation stands (the step classes the finished text, so the item records the truth).
 */
export function writeBuiltinPost(req: WriteRequest): PostParts {
  const { phrases, native } = phrasesFor(req.facts.language);
  const m = material(req, phrases);
  const rotation = chooseHook(m);
  const hook = req.arms?.hook ? styleHook(m, rotation, req.arms.hook) : rotation;
  const callToAction = cta(req, m);
  const band = req.arms?.length;
  const caption = (lines: Line[]) => composeCaption({ hook: hook.text, body: lines.map((l) => l.text).join("\n\n"), callToAction });
  const body = writeBody(m, req.platform, hook, {
    structure: req.arms?.structure,
    accept: band && ((lines) => lengthBand(caption(lines)) === band),
    prefer: req.arms?.prefer,
  });
  const clickable = BEST_PRACTICES[req.platform].linkClickable;
  const spoken = clickable ? asPhrase(callToAction.split(" → ")[0]!) : callToAction;
  return {
    title: req.platform === "youtube" ? youtubeTitle(m, [hook, ...body]) : "",
    hook: hook.text,
    body: body.map((l) => l.text).join("\n\n"),
    callToAction,
    hashtags: inHashtagBand(pickHashtags(req.platform, hashtagCandidates(req.facts), m.turn), req.arms?.hashtags?.band),
    script: writeScript(m, req.platform, hook, body, spoken, req.linkUrl),
    ...(req.format === "thread" ? { thread: writeThreadPosts(m, hook, callToAction) } : {}),
    ...(native ? {} : { notes: [languageNotice(req.facts.language)] }),
  };
}

/** The notice on a post for a site in a language the built-in writer does not write. */
export function languageNotice(language: string | undefined): string {
  return `The site's language (${language || "unknown"}) is not one the built-in writer writes (English, French, German, Spanish, Portuguese, Italian), so this post is in English; edit it or connect a model to write in the site's language.`;
}

function material(req: WriteRequest, phrases: Phrases): Material {
  const revision = req.revision ?? 0;
  const slot = PLATFORM_IDS.indexOf(req.platform) + (req.variant === "B" ? PLATFORM_IDS.length : 0);
  const day = dayNumber(req.localDate);
  // The app id offsets the sequence so two apps with similar sites do not post in lockstep.
  const turn = day * POSTS_PER_DAY + slot + revision * REVISION_STEP + (req.appId % 7);
  return {
    name: req.facts.name,
    domain: displayDomain(req.facts.url),
    phrases,
    facts: concreteFacts(req.facts, phrases),
    turn,
    day,
    // One A-variant post a day carries the site's own description (never more than one post of a batch), and never a rewrite.
    description: revision === 0 && slot === day % PLATFORM_IDS.length ? description(req.facts) : undefined,
  };
}

function description(facts: ProductFacts): string | undefined {
  return sentences(facts.whatItDoes)[0];
}

/** Index into a pool so that one platform's posts on neighbouring days, and one day's platforms, take different entries. */
function spread(m: Material, size: number): number {
  return (m.day * 7 + m.turn) % size;
}

function cta(req: WriteRequest, m: Material): string {
  const p = m.phrases;
  const vars = { name: m.name, domain: m.domain, cta: asPhrase(req.callToAction) };
  if (BEST_PRACTICES[req.platform].linkClickable)
    return `${asPhrase(req.callToAction) || fill(p.clickCtas[spread(m, p.clickCtas.length)]!, vars)} → ${req.linkUrl}`;
  // "Try it at 127.0.0.1." helps nobody: an address the audience cannot type gets the call to action without it.
  if (!isPublicHostname(m.domain)) return `${asPhrase(req.callToAction) || fill(p.clickCtas[spread(m, p.clickCtas.length)]!, vars)}.`;
  return req.callToAction ? fill(p.ownCta, vars) : fill(p.domainCtas[spread(m, p.domainCtas.length)]!, vars);
}

function youtubeTitle(m: Material, lines: Line[]): string {
  // A quote or a question makes a poor title: the first fact line that is neither, else the product's name.
  const line = lines.find((l) => l.part === "fact" && l.fact?.kind !== "quote" && [...l.text].length <= 90);
  return line ? asPhrase(line.text) : m.name;
}

/** The writer's tags cut to the requested count band (a band above what the rotation picked keeps them all). */
export function inHashtagBand(tags: string[], band: HashtagBand | undefined): string[] {
  return band ? tags.slice(0, HASHTAG_RANGE[band][1]) : tags;
}
