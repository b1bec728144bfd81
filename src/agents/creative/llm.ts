import { Type, type Static } from "@sinclair/typebox";
import type { PlatformId } from "../../platforms/ids";
import type { LlmGateway } from "../../llm/types";
import { PLATFORM_RULES } from "../../platforms/rules";
import { BEST_PRACTICES } from "../research/best-practices";
import { asPhrase, displayDomain } from "./builtin/text";
import { HASHTAG_RANGE, HOOK_DEFINITIONS, LENGTH_RANGE, STRUCTURE_DEFINITIONS } from "./arm-words";
import type { PostParts, WriteRequest } from "./types";
import { threadAndCommentPrompt, withThreadAndComment } from "./llm-thread";

/** The shape a model must answer with for one post. */
export const PostSchema = Type.Object({
  title: Type.String({ maxLength: 200, description: "YouTube title; empty for other platforms" }),
  hook: Type.String({ minLength: 1, maxLength: 400 }),
  body: Type.String({ maxLength: 4000 }),
  callToAction: Type.String({ maxLength: 200, description: "Without the URL; we add it" }),
  hashtags: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30 }),
  scenes: Type.Array(
    Type.Object({
      onScreenText: Type.String({ maxLength: 60 }),
      voiceover: Type.String({ maxLength: 300 }),
      visual: Type.String({ maxLength: 120 }),
      seconds: Type.Number({ minimum: 1, maximum: 20 }),
    }),
    { minItems: 3, maxItems: 6 },
  ),
  thread: Type.Optional(
    Type.Array(Type.String({ maxLength: 600 }), { maxItems: 6, description: "X thread only: 2-4 posts, each standing alone" }),
  ),
  firstComment: Type.Optional(Type.String({ maxLength: 600, description: "Instagram/LinkedIn: the first comment, without the URL" })),
});

/** A model's answer for one post. */
export type ModelPost = Static<typeof PostSchema>;

const SYSTEM =
  "You are a careful social media marketer writing one post for a product. Use ONLY the facts given: never invent numbers, prices, customer counts, awards, testimonials or features. Write naturally, in the product's tone, fitted to the platform's norms. Answer with JSON only.";

/** The learner's arms for this post in words, one line each (empty without a request: the platform's norms alone guide the model). */
export function armLines(req: WriteRequest): string[] {
  const a = req.arms;
  if (!a) return [];
  const lines = ["What worked for this account, chosen for this post (follow each):"];
  if (a.hook) lines.push(`- Opening line: ${a.hook.replace("_", " ")}: ${HOOK_DEFINITIONS[a.hook]}.`);
  if (a.structure) lines.push(`- Body structure: ${a.structure.replace("_", " ")}: ${STRUCTURE_DEFINITIONS[a.structure]}.`);
  if (a.length) {
    const [lo, hi] = LENGTH_RANGE[a.length];
    const range = hi === Infinity ? `more than ${lo - 1}` : lo === 0 ? `under ${hi + 1}` : `${lo}-${hi}`;
    lines.push(`- Caption length: ${a.length}: opening, body and call to action together ${range} characters.`);
  }
  if (a.hashtags) {
    const [lo, hi] = HASHTAG_RANGE[a.hashtags.band];
    const count = hi === 0 ? "none" : hi === Infinity ? `${lo} or more` : `${lo}-${hi}`;
    const preferred =
      a.hashtags.preferred.length > 0 ? `; prefer these, which worked: ${a.hashtags.preferred.map((t) => `#${t}`).join(" ")}` : "";
    lines.push(`- Hashtags: ${a.hashtags.band}: ${count}${preferred}.`);
  }
  if (a.cta) lines.push(a.cta === "with_cta" ? "- Call to action: end with one (without the URL; we add it)." : "- Call to action: none.");
  return lines;
}

function prompt(req: WriteRequest): string {
  const r = PLATFORM_RULES[req.platform];
  const bp = BEST_PRACTICES[req.platform];
  const aim = req.arms?.length ? "" : `, aim for ${bp.captionTargetChars[0]}-${bp.captionTargetChars[1]}`;
  const tags = req.arms?.hashtags ? "" : ` ${r.hashtagsIdeal[0]}-${r.hashtagsIdeal[1]} hashtags.`;
  return [
    `Platform: ${r.label}. Caption at most ${r.captionMax} characters${r.weightedCaption ? " (weighted: URLs count 23, emoji 2)" : ""}${aim}. Hook under ${bp.hookMaxChars} characters.${tags}${r.titleMax ? ` Title at most ${r.titleMax} characters.` : " Leave title empty."}`,
    `Platform note: ${bp.note}`,
    `Video script: 3-6 scenes, ${bp.idealSeconds[0]}-${bp.idealSeconds[1]} seconds in total, hook in the first 2 seconds, last scene is the call to action.`,
    ...threadAndCommentPrompt(req),
    `Variant ${req.variant}${req.variant === "B" ? ": take a clearly different angle and structure from the obvious one" : ""}.`,
    ...armLines(req),
    `Facts (JSON): ${JSON.stringify(req.facts)}`,
    req.trends.length > 0 ? `Recent posts from the product's blog: ${req.trends.map((t) => t.title).join(" | ")}` : "",
    req.callToAction ? `The owner's call to action: ${req.callToAction}` : "",
    req.previousCaption
      ? `The owner asked for new copy. Write a clearly different post (another hook, angle and wording) from the current one:\n${req.previousCaption}`
      : "",
  ]
    .filter(Boolean)
    .join("\n");
}

/** Asks the model for a post; undefined when the gateway falls back to the built-in writer. */
export async function writeModelPost(
  llm: LlmGateway,
  userId: number,
  req: WriteRequest,
): Promise<{ parts: PostParts; writer: string } | { fallback: string; budget?: boolean }> {
  const res = await llm.generateStructured({
    userId,
    agent: "creative",
    runId: req.runId,
    system: SYSTEM,
    prompt: prompt(req),
    schema: PostSchema,
    maxTokens: 1500,
  });
  if (res.kind === "fallback") return { fallback: res.reason, budget: res.budget };
  return {
    parts: withThreadAndComment(toParts(req.platform, res.data, req.linkUrl), res.data, req),
    writer: `${res.provider}:${res.model}`,
  };
}

function toParts(platform: PlatformId, d: ModelPost, url: string): PostParts {
  const cta = d.callToAction.replace(/https?:\/\/\S+/g, "").trim();
  return {
    title: platform === "youtube" ? d.title : "",
    hook: d.hook,
    body: d.body.replace(/https?:\/\/\S+/g, "").trim(),
    callToAction: BEST_PRACTICES[platform].linkClickable
      ? `${asPhrase(cta) || "Try it"} → ${url}`
      : `${asPhrase(cta) || "Try it"} at ${displayDomain(url)}.`,
    hashtags: d.hashtags,
    script: { hook: d.hook, scenes: d.scenes, callToAction: cta, url },
  };
}
