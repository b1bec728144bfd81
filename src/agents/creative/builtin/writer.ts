import { PLATFORM_IDS } from "../../../platforms/ids";
import { BEST_PRACTICES } from "../../research/best-practices";
import { chooseHashtags } from "../hashtags";
import type { PostParts, WriteRequest } from "../types";
import { BODIES } from "./bodies";
import { chooseHook, type Material } from "./hooks";
import { writeScript } from "./script";
import { asPhrase, dayNumber, displayDomain, endSentence, pick, seededRandom, truncateWords } from "./text";

/** The label the built-in writer puts on its items (the UI shows it). */
export const BUILTIN_WRITER = "builtin";

const CLICK_CTAS = ["Try it here", "See it for yourself", "Take a look", "Give it a spin"];
const DOMAIN_CTAS = ["Try it at", "Find it at", "Take a look at"];

/**
 * The offline writer: composes a post from the research facts with templates and rules, no network.
 * Deterministic per (app, date, platform, variant, revision) and rotated by day, so a week of posts does
 * not repeat; a regeneration (revision 1, 2, ...) moves to the next hook style and spotlight feature.
 */
export function writeBuiltinPost(req: WriteRequest): PostParts {
  const revision = req.revision ?? 0;
  const rng = seededRandom(`${req.appId}|${req.localDate}|${req.platform}|${req.variant}${revision > 0 ? `|r${revision}` : ""}`);
  const day = dayNumber(req.localDate);
  const m = material(req, rng, day + revision);
  const platformOffset = PLATFORM_IDS.indexOf(req.platform);
  const hook = chooseHook(m, day, platformOffset + (req.variant === "B" ? 3 : 0) + revision);
  const written = BODIES[req.platform][req.variant === "A" ? 0 : 1](m, hook.style);
  // A post about a blog article points to it where links work.
  const body =
    hook.style === "trend-tie-in" && m.trend?.url && BEST_PRACTICES[req.platform].linkClickable
      ? `Read it here: ${m.trend.url}\n\n${written}`
      : written;
  const callToAction = cta(req, rng);
  const title = req.platform === "youtube" ? youtubeTitle(m, hook.text) : "";
  const spoken = BEST_PRACTICES[req.platform].linkClickable ? endSentence(req.callToAction || `Try ${m.name}`) : callToAction;
  return {
    title,
    hook: hook.text,
    body,
    callToAction,
    hashtags: chooseHashtags(req.platform, req.facts, rng),
    script: writeScript(m, req.platform, hook.text, asPhrase(spoken), req.linkUrl),
  };
}

function material(req: WriteRequest, rng: () => number, day: number): Material {
  const f = req.facts.features;
  // Rotate which feature leads, so each day spotlights a different one.
  const start = f.length > 0 ? day % f.length : 0;
  const features = [...f.slice(start), ...f.slice(0, start)].slice(0, 4);
  const proofs = req.facts.proofPoints;
  return {
    name: req.facts.name,
    facts: req.facts,
    feature: features[0],
    features,
    proof: proofs.length > 0 ? proofs[day % proofs.length] : undefined,
    price: req.facts.pricing[0],
    trend: req.trends[day % Math.max(1, req.trends.length)],
    rng,
  };
}

function cta(req: WriteRequest, rng: () => number): string {
  if (BEST_PRACTICES[req.platform].linkClickable) return `${asPhrase(req.callToAction) || pick(rng, CLICK_CTAS)} → ${req.linkUrl}`;
  const domain = displayDomain(req.facts.url);
  return req.callToAction ? `${asPhrase(req.callToAction)} at ${domain}.` : `${pick(rng, DOMAIN_CTAS)} ${domain}.`;
}

function youtubeTitle(m: Material, hook: string): string {
  const lead = m.feature ? `${m.name}: ${asPhrase(m.feature)}` : `${m.name} in under a minute`;
  // A quote or a list promise makes a poor title; the product and its spotlight feature read better.
  const candidate = hook.length <= 70 && !hook.endsWith(":") && !/^["“]/.test(hook) ? asPhrase(hook) : lead;
  return truncateWords(candidate, 90);
}
