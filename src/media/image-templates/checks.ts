import type { Rgb } from "../color";
import type { Box, ImagePlan, Shape, TextLayer } from "./plan";
import { lineWidth } from "./fit";
import { MIN_CONTRAST, over, worstContrast } from "./style";

/** True when two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

/** True when `inner` lies wholly inside `outer`. */
export function within(inner: Box, outer: Box): boolean {
  return (
    inner.left >= outer.left &&
    inner.top >= outer.top &&
    inner.left + inner.width <= outer.left + outer.width &&
    inner.top + inner.height <= outer.top + outer.height
  );
}

function shapeBox(s: Shape): Box {
  return s.kind === "rect" ? s.box : { left: s.cx - s.r, top: s.cy - s.r, width: s.r * 2, height: s.r * 2 };
}

/**
 * Every colour that may be seen behind a box: the background's gradient stops, seen through each shape that reaches
 * into the box (a shape that covers the whole box replaces what is under it; one that covers part adds its blend).
 */
export function backdropsUnder(plan: Pick<ImagePlan, "background" | "shapes">, box: Box): Rgb[] {
  let colours = plan.background.stops;
  for (const s of plan.shapes) {
    const b = shapeBox(s);
    if (!overlaps(b, box)) continue;
    const blended = colours.map((c) => over(c, s.color, s.opacity));
    colours = s.kind === "rect" && within(box, b) ? blended : [...colours, ...blended];
  }
  return colours;
}

/** The lowest contrast of a text layer against what may be behind it. */
export function layerContrast(plan: ImagePlan, t: TextLayer): number {
  return worstContrast(t.color, backdropsUnder(plan, t.box));
}

/**
 * What is wrong with a plan, in words (empty when it passes): a text wider or taller than its box, two text boxes
 * (or a text and the logo) on top of each other, a text or the logo outside the safe area, a text below 4.5:1
 * contrast, or no logo.
 */
export function planProblems(plan: ImagePlan): string[] {
  const problems: string[] = [];
  const texts = plan.texts.filter((t) => t.lines.length > 0);
  for (const t of texts) {
    const widest = Math.max(...t.lines.map((l) => lineWidth(l, t.size)));
    if (widest > t.box.width + 0.5) problems.push(`${t.role} text is ${Math.round(widest)} px wide in a ${t.box.width} px box`);
    if (t.lines.length * t.lineHeight > t.box.height) problems.push(`${t.role} text runs past the bottom of its box`);
    if (!within(t.box, plan.safe)) problems.push(`${t.role} text is outside the safe area`);
    const c = layerContrast(plan, t);
    if (c < MIN_CONTRAST) problems.push(`${t.role} text has contrast ${c.toFixed(2)}:1 (needs ${MIN_CONTRAST}:1)`);
  }
  for (const [i, a] of texts.entries())
    for (const b of texts.slice(i + 1)) if (overlaps(a.box, b.box)) problems.push(`${a.role} and ${b.role} texts overlap`);
  if (!plan.logo.file && !plan.logo.monogram) problems.push("no logo");
  if (!within(plan.logo.box, plan.safe)) problems.push("the logo is outside the safe area");
  for (const t of texts) if (overlaps(t.box, plan.logo.box)) problems.push(`${t.role} text overlaps the logo`);
  return problems;
}
