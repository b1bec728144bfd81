import { SCENE_TEMPLATES, type Scene, type SceneTemplate, type VideoScript } from "../../content/script";
import type { Brand } from "../brand";
import { displayUrl } from "../brand";
import type { ScenePlan } from "./plan";
import { safeZoneFor } from "./safe-zones";
import { planScene, type SceneContent } from "./templates";
import { designTokens } from "./tokens";

const PRICE = /(?:[$€£¥₹]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|\$|£|USD|EUR|GBP|CHF)|\bfree\b|\bgratuit|\bkostenlos|\bgratis)/iu;
// A number that leads the line (a stat card's big figure), with a qualifier before it and its unit kept after it:
// "2 MB", "30%", "$9", "Under 2 MB", "10x", "3 hours". A number inside the sentence is not split out.
const UNIT = String.raw`(?:%|x|×|k|bn|mb|gb|kb|tb|ms|secs?|seconds?|mins?|minutes?|hrs?|hours?|h|s|days?|weeks?|months?|years?|m)`;
const QUALIFIER = String.raw`(?:over|under|up to|only|just|about|nearly|almost|more than|less than|fewer than|at least)`;
const LEADING_NUMBER = new RegExp(
  String.raw`^\s*((?:${QUALIFIER}\s+)?[+~≈<>]?[$€£]?\d[\d.,]*(?:\s?${UNIT})?\+?)(?=\s|$|[.,;:!?–—-])`,
  "iu",
);
const QUOTED = /^\s*["“«„'‘]/u;

/** The template a scene is drawn with: the one the script names, else one read from its place, visual and words. */
export function templateFor(scene: Scene, i: number, count: number, hasScreenshot: boolean): SceneTemplate {
  const named = scene.template && SCENE_TEMPLATES.includes(scene.template) ? scene.template : undefined;
  if (named === "device" && !hasScreenshot) return "feature";
  // A stat card shows its number apart from the rest: only a line that opens with its number reads right split.
  if (named === "stat" && !LEADING_NUMBER.test(scene.onScreenText)) return "feature";
  if (named) return named;
  const v = scene.visual.toLowerCase();
  if (i === count - 1 && /end card|logo and link|call to action|cta/.test(v)) return "end";
  if (i === 0) return "headline";
  if (PRICE.test(scene.onScreenText)) return "plan";
  if (QUOTED.test(scene.onScreenText) || v.includes("quote")) return "testimonial";
  if (LEADING_NUMBER.test(scene.onScreenText)) return "stat";
  // A scene that asks for the app's clip is a card whose picture box plays it, not a device screen.
  if (hasScreenshot && !/clip|video/.test(v) && /screenshot|scroll|mobile|app/.test(v)) return "device";
  return "feature";
}

/** A host people can type: not an address, not localhost (those are left off the end card). */
export function typableLink(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    if (!host.includes(".") || /^[\d.]+$/.test(host) || host.includes(":")) return undefined;
    return displayUrl(url.split("?")[0]!);
  } catch {
    return undefined;
  }
}

// The words each template shows: a stat's leading number (with its unit) apart from the rest, a price apart from its plan.
function contentOf(template: SceneTemplate, s: Scene, brand: Brand, url: string, seed: number): SceneContent {
  const base = { name: brand.name, seed, text: s.onScreenText.trim(), detail: s.detail?.trim() || undefined };
  if (template === "stat" && !base.detail) {
    const m = LEADING_NUMBER.exec(base.text);
    if (m)
      return {
        ...base,
        text: m[1]!.trim(),
        detail:
          base.text
            .slice(m[0].length)
            .replace(/^[\s:,;–—-]+/u, "")
            .replace(/\s+/g, " ")
            .trim() || undefined,
      };
  }
  if (template === "plan" && !base.detail) {
    const m = PRICE.exec(base.text);
    if (m)
      return {
        ...base,
        text: m[0].trim(),
        detail:
          base.text
            .replace(m[0], "")
            .replace(/\s+/g, " ")
            .replace(/^[\s:,–-]+|[\s:,–-]+$/g, "") || undefined,
      };
  }
  if (template === "testimonial") {
    const m = /^\s*["“«„'‘]\s*(.+?)\s*["”»“'’]\s*[—–-]?\s*(.*)$/u.exec(base.text);
    if (m) return { ...base, text: `“${m[1]}”`, detail: base.detail ?? (m[2] || undefined) };
  }
  if (template === "end") return { ...base, text: brand.name, detail: base.text, link: typableLink(url || brand.url) };
  return base;
}

/** The script's scenes with their templates, the end card once (added when the script has none). */
export function scenesWithTemplates(script: VideoScript, hasScreenshot: boolean): (Scene & { template: SceneTemplate })[] {
  const n = script.scenes.length;
  const scenes = script.scenes.map((s, i) => ({ ...s, template: templateFor(s, i, n, hasScreenshot) }));
  // One end card: a script that names it twice keeps the last; one without gets it from its call to action.
  const kept = scenes.filter((s, i) => s.template !== "end" || i === n - 1);
  if (kept.at(-1)?.template !== "end")
    kept.push({ onScreenText: script.callToAction, voiceover: script.callToAction, visual: "end card", seconds: 3, template: "end" });
  return kept;
}

/** The templates whose voice phase can show the app's own picture (the card templates; not the headline, device or end card). */
export const PICTURE_TEMPLATES: readonly SceneTemplate[] = ["feature", "stat", "plan", "testimonial"];

/** Render plans for a short's scenes on a platform (its safe zone), in the brand's design tokens; `seed` varies the look per post. */
export function planShort(
  scenes: (Scene & { template: SceneTemplate })[],
  a: { brand: Brand; url: string; platform: string; width: number; height: number; seed: number; pictures?: boolean[] },
): ScenePlan[] {
  const tokens = designTokens(a.brand, a.width, a.height);
  const zone = safeZoneFor(a.platform, a.width, a.height);
  return scenes.map((s, i) =>
    planScene(s.template, tokens, zone, { ...contentOf(s.template, s, a.brand, a.url, a.seed + i), picture: a.pictures?.[i] }),
  );
}
