import { contrastRatio, type Rgb } from "../color";
import type { Layer, Phase, ScenePlan } from "./plan";
import type { Box } from "./tokens";

/** The contrast every text reaches against its own background (WCAG AA for body text). */
export const MIN_CONTRAST = 4.5;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(a: Box, outer: Box): boolean {
  return a.x >= outer.x && a.y >= outer.y && a.x + a.w <= outer.x + outer.w && a.y + a.h <= outer.y + outer.h && a.w > 0 && a.h > 0;
}

// The colour really drawn under a box: the topmost opaque rect that holds it (undefined over the gradient or an image).
function drawnUnder(layers: Layer[], box: Box): Rgb | undefined {
  for (const l of [...layers].reverse()) {
    if ((l.kind === "screen" || l.kind === "picture") && overlaps(l.box, box)) return undefined;
    if (l.kind === "rect" && (l.opacity ?? 1) === 1 && inside(box, l.box)) return l.fill;
  }
  return undefined;
}

function phaseProblems(plan: ScenePlan, name: string, p: Phase, withCaptions: boolean): string[] {
  const out: string[] = [];
  const where = `${plan.template} (${name})`;
  const boxes = p.text.map((l) => ({ label: `"${l.text}"`, box: l.box }));
  if (withCaptions) boxes.push({ label: "the captions", box: plan.caption.box });
  if (!p.layers.some((l) => l.kind === "logo")) out.push(`${where}: no logo`);
  for (const [i, a] of boxes.entries()) {
    if (!inside(a.box, plan.zone)) out.push(`${where}: ${a.label} leaves the safe zone`);
    for (const b of boxes.slice(i + 1)) if (overlaps(a.box, b.box)) out.push(`${where}: ${a.label} overlaps ${b.label}`);
    for (const l of p.layers)
      if ((l.kind === "screen" || l.kind === "picture" || l.kind === "logo" || l.kind === "icon") && overlaps(l.box, a.box))
        out.push(`${where}: ${a.label} overlaps the ${l.kind}`);
  }
  for (const l of p.text) {
    if (l.box.h < l.size) out.push(`${where}: "${l.text}" has less room than one line of its size`);
    const under = drawnUnder(p.layers, l.box);
    if (!under || under.join() !== l.on.join()) out.push(`${where}: "${l.text}" is not on the solid colour it was checked against`);
    const ratio = contrastRatio(l.color, l.on);
    if (ratio < MIN_CONTRAST) out.push(`${where}: "${l.text}" reaches ${ratio.toFixed(2)}:1, below ${MIN_CONTRAST}:1`);
  }
  if (withCaptions) {
    const ratio = contrastRatio(plan.caption.color, plan.caption.on);
    if (ratio < MIN_CONTRAST) out.push(`${where}: captions reach ${ratio.toFixed(2)}:1, below ${MIN_CONTRAST}:1`);
  }
  return out;
}

/**
 * What is wrong with a scene's plan, in words (empty when it passes): in each phase text boxes never overlap each
 * other or an image, stay inside the platform's safe zone, reach 4.5:1 against the colour drawn under them, and the
 * logo is there; each text box holds at least one line of its size; a captioned card's text stays out of the caption band. Captions (drawn on their own plate) are checked in the voice phase, where they are the only text.
 */
export function planProblems(plan: ScenePlan): string[] {
  // A card's text kept out of the caption band: the two layers never share a place, so a frame that showed both
  // would differ from either phase's still (the frame checks rely on it).
  const inBand = plan.captions
    ? plan.card.text
        .filter((l) => overlaps(l.box, plan.caption.box))
        .map((l) => `${plan.template} (card): "${l.text}" lies in the caption band`)
    : [];
  return [...phaseProblems(plan, "card", plan.card, false), ...phaseProblems(plan, "voice", plan.voice, plan.captions), ...inBand];
}
