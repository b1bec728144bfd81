// The step-by-step guide for each platform's developer app (docs/platforms/<slug>.md), shown at /platforms/<slug>/guide.

import meta from "../../docs/platforms/meta.md" with { type: "text" };
import linkedin from "../../docs/platforms/linkedin.md" with { type: "text" };
import tiktok from "../../docs/platforms/tiktok.md" with { type: "text" };
import x from "../../docs/platforms/x.md" with { type: "text" };
import youtube from "../../docs/platforms/youtube.md" with { type: "text" };
import type { PlatformId } from "../platforms/ids";

const GUIDES: Record<string, string> = { youtube, tiktok, meta, x, linkedin };

/** The guide's name for a platform: Instagram and Facebook share the Meta app's guide. */
export function guideSlug(platform: PlatformId): string {
  return platform === "instagram" || platform === "facebook" ? "meta" : platform;
}

/** A guide's title and Markdown text, or undefined for an unknown name. */
export function platformGuide(slug: string): { title: string; text: string } | undefined {
  const text = Object.hasOwn(GUIDES, slug) ? GUIDES[slug] : undefined;
  if (!text) return undefined;
  const title = text.split("\n")[0]!.replace(/^#\s*/, "");
  return { title, text };
}
