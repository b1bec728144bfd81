import type { VideoScript } from "../../content/script";
import type { PlatformId } from "../../platforms/ids";
import type { LlmGateway } from "../../llm/types";
import { PLATFORM_RULES } from "../../platforms/rules";
import { firstSentences } from "../research/extract";
import { endSentence, truncateWords } from "./builtin/text";
import { BUILTIN_WRITER, writeBuiltinPost } from "./builtin/writer";
import { allowedText, dropUnsupported } from "./claims";
import { fitToPlatform } from "./fit";
import { writeModelPost } from "./llm";
import type { FailedPost, PostDraft, PostParts, WriteRequest } from "./types";

/** Writes one post: by the model when one answers, else by the built-in writer; then claims check and fit. */
export async function writePost(llm: LlmGateway, userId: number, req: WriteRequest): Promise<PostDraft | FailedPost> {
  const model = await writeModelPost(llm, userId, req);
  const written = "parts" in model ? model : { parts: writeBuiltinPost(req), writer: BUILTIN_WRITER };
  const notes: string[] = [];
  const checked = checkClaims(written.parts, req);
  notes.push(...checked.notes);
  const fitted = fitToPlatform(req.platform, checked.parts);
  if (!fitted.ok) return { platform: req.platform, variant: req.variant, reason: fitted.reason };
  return {
    ...fitted.parts,
    platform: req.platform,
    variant: req.variant,
    format: PLATFORM_RULES[req.platform].format,
    caption: fitted.caption,
    linkUrl: req.linkUrl,
    writer: written.writer,
    notes: [...notes, ...fitted.notes],
  };
}

/** True when writePost could not produce a post. */
export function isFailed(x: PostDraft | FailedPost): x is FailedPost {
  return "reason" in x;
}

/** Removes every sentence whose numbers, prices, awards or quotes are not in the research facts. */
export function checkClaims(parts: PostParts, req: WriteRequest): { parts: PostParts; notes: string[] } {
  const allowed = allowedText(req.facts, [...req.trends.map((t) => t.title), req.callToAction]);
  const notes: string[] = [];
  const hook = dropUnsupported(parts.hook, allowed, "hook");
  const body = dropUnsupported(parts.body, allowed, "text");
  const title = dropUnsupported(parts.title, allowed, "title");
  notes.push(...hook.notes, ...body.notes, ...title.notes);
  const safeHook = hook.text || `Meet ${req.facts.name}.`;
  return {
    parts: {
      ...parts,
      hook: safeHook,
      body: body.text,
      title: parts.title && !title.text ? req.facts.name : title.text,
      script: parts.script ? checkScript(parts.script, allowed, safeHook, req, notes) : null,
    },
    notes,
  };
}

function checkScript(script: VideoScript, allowed: string, hook: string, req: WriteRequest, notes: string[]): VideoScript {
  const last = script.scenes.length - 1;
  const scenes = script.scenes.flatMap((s, i) => {
    const v = dropUnsupported(`${s.onScreenText}\n${s.voiceover}`, allowed, "video script");
    if (v.notes.length === 0) return [s];
    notes.push(...v.notes);
    // The first scene is the hook and the last the end card: keep them, rewritten with safe words.
    if (i === 0) return [{ ...s, onScreenText: truncateWords(hook, 42), voiceover: hook }];
    if (i === last) return [{ ...s, onScreenText: truncateWords(script.callToAction, 42), voiceover: endSentence(script.callToAction) }];
    return [];
  });
  const filler = {
    onScreenText: truncateWords(req.facts.name, 42),
    voiceover: endSentence(firstSentences(req.facts.whatItDoes || `This is ${req.facts.name}`, 1)),
    visual: "screenshot:home scroll",
    seconds: 4,
  };
  while (scenes.length < 3) scenes.splice(Math.max(1, scenes.length - 1), 0, filler);
  return { ...script, hook, scenes: scenes.slice(0, 6) };
}

/** The platforms of a web app whose rules we know, in the standard order. */
export function selectedPlatforms(platforms: string[]): PlatformId[] {
  return (Object.keys(PLATFORM_RULES) as PlatformId[]).filter((p) => platforms.includes(p));
}
