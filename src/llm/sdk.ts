import type OpenAI from "openai";
import type Anthropic from "@anthropic-ai/sdk";

// The model SDKs are loaded on first use: each adds ~6 MB of RSS at start, and a box on the built-in writer,
// offline voice and no image generation (the default) never calls them.
let openai: Promise<typeof OpenAI> | undefined;
let anthropic: Promise<typeof Anthropic> | undefined;

/** The OpenAI SDK's client class (also used for xAI Grok and OpenAI-compatible servers), loaded once. */
export function loadOpenAi(): Promise<typeof OpenAI> {
  openai ??= import("openai").then((m) => m.default);
  return openai;
}

/** The Anthropic SDK's client class, loaded once. */
export function loadAnthropic(): Promise<typeof Anthropic> {
  anthropic ??= import("@anthropic-ai/sdk").then((m) => m.default);
  return anthropic;
}
