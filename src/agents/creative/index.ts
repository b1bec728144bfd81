import type { VideoScript } from "../../content/script";
import type { PlatformId } from "../../platforms/ids";
import type { LlmGateway } from "../../llm/types";
import { PLATFORM_RULES } from "../../platforms/rules";
import { firstSentences } from "../research/extract";
import { BEST_PRACTICES } from "../research/best-practices";
import { wordsKnown, type Evidence, type Snippet } from "../research/evidence";
import { asPhrase, displayDomain, endSentence, sentences, truncateWords } from "./builtin/text";
import { fill, phrasesFor } from "./builtin/lang";
import { BUILTIN_WRITER, inHashtagBand, writeBuiltinPost } from "./builtin/writer";
import { bodyStructure, hookFamily, LENGTH_RANGE, lengthBand } from "./arm-words";
import { checkSentence, dropUnsupported, evidenceFor } from "./claims";
import { CAROUSEL_SLIDES, type Slide } from "../../platforms/carousel";
import { ctaSlideText, writeSlides } from "./carousel";
import { type FitResult, fitToPlatform } from "./fit";
import { placeLink } from "./first-comment";
import { checkThreadClaims, fitThread, threadFromParts } from "./thread";
import { chooseFormat } from "./formats";
import { fragmentTag } from "./hashtags";
import { withoutDescription } from "./verbatim";
import { writeModelPost } from "./llm";
import { hashtagWords, reviewPost, withoutAddresses } from "./provenance";
import type { FailedPost, PostDraft, PostParts, WriteRequest } from "./types";

/** Writes one post: by the model when one answers, else by the built-in writer; then claims check, fit and provenance. */
export async function writePost(llm: LlmGateway, userId: number, asked: WriteRequest): Promise<PostDraft | FailedPost> {
  // The format is known before writing: a thread is written as a thread, not cut from a caption afterwards.
  let chosen = asked.format
    ? { format: asked.format, reason: asked.formatReason }
    : chooseFormat(asked.platform, { localDate: asked.localDate });
  let format = chosen.format;
  const req: WriteRequest = { ...asked, format };
  const model = await writeModelPost(llm, userId, req);
  // A model repeats the site's description as readily as a template did: it goes, so no batch says it in every post.
  const written =
    "parts" in model
      ? { ...model, parts: withoutDescription(model.parts, req, () => writeBuiltinPost(req).hook) }
      : { parts: writeBuiltinPost(req), writer: BUILTIN_WRITER };
  // A spent budget is the owner's to know on the post itself, not only on the Usage page.
  const budgetNote = "fallback" in model && model.budget ? `Written by the built-in writer: ${model.fallback}` : undefined;
  const ev = requestEvidence(req);
  const placed = placeLink(written.parts, req);
  const drafted = format === "carousel" && !placed.slides ? { ...placed, slides: writeSlides(placed, req) } : placed;
  const checked = checkClaims(drafted, req, ev);
  if (format === "carousel" && (checked.parts.slides ?? []).length < CAROUSEL_SLIDES[0]) {
    chosen = { format: "image", reason: "The site gave too few facts the claims check accepts for a carousel of three slides." };
    format = "image";
    checked.parts = { ...checked.parts, slides: undefined };
  } else if (format !== "carousel") checked.parts = { ...checked.parts, slides: undefined };
  // The built-in writer picks its shapes for the request; a model's answer is held to it here.
  const byModel = written.writer !== BUILTIN_WRITER;
  if (byModel) checked.parts.hashtags = inHashtagBand(checked.parts.hashtags, req.arms?.hashtags?.band);
  const band = byModel && req.arms?.length ? LENGTH_RANGE[req.arms.length][1] : undefined;
  const fitted =
    format === "thread" ? fitThreadPost(checked.parts, req) : fitToPlatform(req.platform, checked.parts, { captionAtMost: band });
  if (!fitted.ok) return { platform: req.platform, variant: req.variant, reason: fitted.reason };
  const review = reviewPost(fitted.parts, req.linkUrl, ev);
  return {
    ...fitted.parts,
    platform: req.platform,
    variant: req.variant,
    format,
    caption: fitted.caption,
    linkUrl: req.linkUrl,
    writer: written.writer,
    budgetNote,
    notes: [
      ...(budgetNote ? [budgetNote] : []),
      ...(written.parts.notes ?? []),
      ...checked.notes,
      ...fitted.notes,
      ...(byModel ? missedArms(req, fitted.parts, fitted.caption) : []),
      ...(chosen.reason ? [`Format ${format}: ${chosen.reason}`] : []),
    ],
    unsupportedClaims: review.unsupported,
    sources: review.sources,
  };
}

/** What a model wrote otherwise than the learner asked (the item records what was written; the note says it missed). */
function missedArms(req: WriteRequest, parts: PostParts, caption: string): string[] {
  const a = req.arms;
  if (!a) return [];
  const wrote = { hook: hookFamily(parts.hook), structure: bodyStructure(parts.body), length: lengthBand(caption) };
  const missed = (["hook", "structure", "length"] as const).filter((d) => a[d] && a[d] !== wrote[d]);
  return missed.length === 0
    ? []
    : [`The model was asked for ${missed.map((d) => `${d} ${a[d]}`).join(", ")} and wrote ${missed.map((d) => wrote[d]).join(", ")}.`];
}

/** True when writePost could not produce a post. */
export function isFailed(x: PostDraft | FailedPost): x is FailedPost {
  return "reason" in x;
}

/** The evidence a request's post may lean on: the site's sentences and facts, its feed titles and the owner's call to action. */
export function requestEvidence(req: WriteRequest): Evidence {
  const extra: Snippet[] = req.trends.map((t) => ({ url: t.url, text: t.title }));
  if (req.callToAction.trim()) extra.push({ url: "settings", text: req.callToAction });
  return evidenceFor(req.facts, extra);
}

/**
 * Removes or rewrites every sentence with an invented claim (a number, award, quote, ... nothing on the site
 * comes near), in every field: title, hook, text, call to action, hashtags, first comment and the video script.
 */
export function checkClaims(
  parts: PostParts,
  req: WriteRequest,
  ev: Evidence = requestEvidence(req),
): { parts: PostParts; notes: string[] } {
  const notes: string[] = [];
  const hook = dropUnsupported(parts.hook, ev, "hook");
  const body = dropUnsupported(parts.body, ev, "text");
  const title = dropUnsupported(parts.title, ev, "title");
  notes.push(...hook.notes, ...body.notes, ...title.notes);
  const safeHook = hook.text || fill(phrasesFor(req.facts.language).phrases.bare[0]!, { name: req.facts.name });
  return {
    parts: {
      ...parts,
      hook: safeHook,
      body: body.text,
      title: parts.title && !title.text ? req.facts.name : title.text,
      callToAction: checkCallToAction(parts.callToAction, req, ev, notes),
      hashtags: checkHashtags(parts.hashtags, req, ev, notes),
      ...(parts.firstComment !== undefined ? { firstComment: checkFirstComment(parts.firstComment, req, ev, notes) } : {}),
      ...(parts.thread ? { thread: checkThreadClaims(parts.thread, ev, req.linkUrl, { hook: safeHook, cta: safeCta(req) }, notes) } : {}),
      script: parts.script ? checkScript(parts.script, ev, safeHook, req, notes) : null,
      ...(parts.slides ? { slides: checkSlides(parts.slides, ev, safeHook, req, notes) } : {}),
    },
    notes,
  };
}

/** Every slide's text checked like the caption: a fact slide that loses its sentences goes; cover and end keep safe words. */
function checkSlides(slides: Slide[], ev: Evidence, hook: string, req: WriteRequest, notes: string[]): Slide[] {
  return slides.flatMap((s, i) => {
    if (s.kind === "cta") {
      const bad = hasInvented(s.text, req, ev);
      if (!bad) return [s];
      notes.push(`Rewrote the last slide: ${bad}.`);
      return [{ kind: "cta" as const, text: ctaSlideText(phrasesFor(req.facts.language).phrases.fallbackCta) }];
    }
    const v = dropUnsupported(s.text, ev, `slide ${i + 1}`);
    notes.push(...v.notes);
    if (s.kind === "cover") return [{ kind: "cover" as const, text: v.text || hook }];
    return v.text ? [{ kind: "fact" as const, text: v.text }] : [];
  });
}

/** A thread fitted to X post by post (a writer that gave no posts gets them cut from its hook, text and call to action). */
function fitThreadPost(parts: PostParts, req: WriteRequest): FitResult {
  const fitted = fitThread(parts.thread ?? threadFromParts(parts), parts.hashtags, req.numberThreads ?? false);
  if (!fitted) return { ok: false, reason: "Could not write the X thread: fewer than two posts were left after the checks." };
  const thread = fitted.posts;
  return { ok: true, parts: { ...parts, thread, hashtags: fitted.hashtags }, caption: thread.join("\n\n"), notes: fitted.notes };
}

/** The first comment loses sentences with invented claims (its link is no claim) and keeps the link with a safe call to action. */
function checkFirstComment(comment: string, req: WriteRequest, ev: Evidence, notes: string[]): string {
  const safe = { hook: safeCta(req), cta: safeCta(req), where: () => "first comment" };
  return checkThreadClaims([comment], ev, req.linkUrl, safe, notes)[0]!;
}

function safeCta(req: WriteRequest): string {
  return asPhrase(req.callToAction) || phrasesFor(req.facts.language).phrases.fallbackCta;
}

function hasInvented(text: string, req: WriteRequest, ev: Evidence): string | undefined {
  for (const s of sentences(withoutAddresses(text, req.linkUrl))) {
    const bad = checkSentence(s, ev).problems;
    if (bad.some((p) => p.invented)) return `"${s}" (${bad.map((p) => p.reason).join(", ")} not found on the site)`;
  }
  return undefined;
}

/** The call to action keeps its link but loses invented offers ("50% off with code LAUNCH50, only 100 spots left"). */
function checkCallToAction(cta: string, req: WriteRequest, ev: Evidence, notes: string[]): string {
  const bad = hasInvented(cta, req, ev);
  if (!bad) return cta;
  notes.push(`Rewrote the call to action: ${bad}.`);
  const p = phrasesFor(req.facts.language).phrases;
  return BEST_PRACTICES[req.platform].linkClickable
    ? `${p.fallbackCta} → ${req.linkUrl}`
    : fill(p.ownCta, { cta: p.fallbackCta, domain: displayDomain(req.facts.url) });
}

/** Keeps hashtags made of the site's own words that claim nothing invented (#AwardWinning, #No1App and fragments go). */
function checkHashtags(tags: string[], req: WriteRequest, ev: Evidence, notes: string[]): string[] {
  return tags.filter((tag) => {
    const words = hashtagWords(tag);
    const bad = checkSentence(words, ev).problems;
    const fragment = fragmentTag(tag, req.facts);
    if (bad.some((p) => p.invented))
      notes.push(`Removed the hashtag #${tag} (${bad.map((p) => p.reason).join(", ")} not found on the site).`);
    else if (!wordsKnown(ev, words)) notes.push(`Removed the hashtag #${tag} (its words are not on the site).`);
    else if (fragment) notes.push(`Removed the hashtag #${tag} (${fragment}: a split contraction or a filler word).`);
    else return true;
    return false;
  });
}

function checkScript(script: VideoScript, ev: Evidence, hook: string, req: WriteRequest, notes: string[]): VideoScript {
  const last = script.scenes.length - 1;
  const spoken = hasInvented(script.callToAction, req, ev) ? phrasesFor(req.facts.language).phrases.fallbackCta : script.callToAction;
  const scenes = script.scenes.flatMap((s, i) => {
    const v = dropUnsupported(`${s.onScreenText}\n${s.voiceover}`, ev, "video script");
    if (v.notes.length === 0) return [s];
    notes.push(...v.notes);
    // The first scene is the hook and the last the end card: keep them, rewritten with safe words.
    if (i === 0) return [{ ...s, onScreenText: truncateWords(hook, 42), voiceover: hook }];
    if (i === last) return [{ ...s, onScreenText: truncateWords(spoken, 42), voiceover: endSentence(spoken) }];
    return [];
  });
  const filler = {
    onScreenText: truncateWords(req.facts.name, 42),
    voiceover: endSentence(firstSentences(req.facts.whatItDoes || req.facts.name, 1)),
    visual: "screenshot:home scroll",
    seconds: 4,
  };
  while (scenes.length < 3) scenes.splice(Math.max(1, scenes.length - 1), 0, filler);
  return { ...script, hook, callToAction: spoken, scenes: scenes.slice(0, 6) };
}

/** The platforms of a web app whose rules we know, in the standard order. */
export function selectedPlatforms(platforms: string[]): PlatformId[] {
  return (Object.keys(PLATFORM_RULES) as PlatformId[]).filter((p) => platforms.includes(p));
}
