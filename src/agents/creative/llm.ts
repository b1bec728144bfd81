import { Type, type Static } from "@sinclair/typebox";
import type { PlatformId } from "../../platforms/ids";
import type { LlmGateway } from "../../llm/types";
import { PLATFORM_RULES } from "../../platforms/rules";
import { BEST_PRACTICES } from "../research/best-practices";
import { asPhrase, displayDomain } from "./builtin/text";
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

function prompt(req: WriteRequest): string {
  const r = PLATFORM_RULES[req.platform];
  const bp = BEST_PRACTICES[req.platform];
  return [
    `Platform: ${r.label}. Caption at most ${r.captionMax} characters${r.weightedCaption ? " (weighted: URLs count 23, emoji 2)" : ""}, aim for ${bp.captionTargetChars[0]}-${bp.captionTargetChars[1]}. Hook under ${bp.hookMaxChars} characters. ${r.hashtagsIdeal[0]}-${r.hashtagsIdeal[1]} hashtags.${r.titleMax ? ` Title at most ${r.titleMax} characters.` : " Leave title empty."}`,
    `Platform note: ${bp.note}`,
    `Video script: 3-6 scenes, ${bp.idealSeconds[0]}-${bp.idealSeconds[1]} seconds in total, hook in the first 2 seconds, last scene is the call to action.`,
    ...threadAndCommentPrompt(req),
    `Variant ${req.variant}${req.variant === "B" ? ": take a clearly different angle and structure from the obvious one" : ""}.`,
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
): Promise<{ parts: PostParts; writer: string } | { fallback: string }> {
  const res = await llm.generateStructured({
    userId,
    agent: "creative",
    runId: req.runId,
    system: SYSTEM,
    prompt: prompt(req),
    schema: PostSchema,
    maxTokens: 1500,
  });
  if (res.kind === "fallback") return { fallback: res.reason };
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
