import { backdropsUnder } from "./checks";
import { frame, stack, type CardInput } from "./frame";
import { ICONS, type IconName } from "./icons";
import type { ImagePlan } from "./plan";
import { accentText, gapOf, typeSize } from "./style";

/** The headline card: the post's hook large, an accent bar above it, an optional line under it. */
export function headlineCard(c: CardInput, t: { hook: string; sub?: string }): ImagePlan {
  const { plan, content, accent } = frame("headline", c);
  const { width: w, height: h } = c;
  const bar = { left: content.left, top: content.top, width: Math.round(content.width * 0.18), height: Math.max(4, Math.round(h * 0.008)) };
  const centred = c.variant % 4 === 3;
  if (centred) bar.left = content.left + Math.round((content.width - bar.width) / 2);
  const gap = gapOf(w, h);
  const body = { ...content, top: bar.top + bar.height + gap, height: content.height - bar.height - gap };
  const s = stack(
    plan,
    body,
    [
      {
        role: "main",
        text: t.hook,
        maxSize: typeSize("h1", w, h) + Math.round(typeSize("small", w, h) * 0.6),
        minSize: typeSize("min", w, h),
        weight: "bold",
        share: t.sub ? 0.66 : 1,
        leading: 1.12,
      },
      { role: "sub", text: t.sub ?? "", maxSize: typeSize("body", w, h), minSize: typeSize("min", w, h), weight: "regular", share: 0.3 },
    ],
    { gap, middle: true, align: centred ? "centre" : "left" },
  );
  // The bar sits just above the text once the stack is centred.
  bar.top = Math.max(content.top, s.top - gap - bar.height);
  plan.shapes.push({ kind: "rect", box: bar, color: accent, opacity: 1, radius: Math.round(bar.height / 2) });
  return plan;
}

/** The feature card: an icon on a tile in the brand colour, the feature in bold, an optional line under it. */
export function featureCard(c: CardInput, t: { title: string; sub?: string; icon: IconName }): ImagePlan {
  const { plan, content, accent } = frame("feature", c);
  const { width: w, height: h } = c;
  const tile = Math.round(Math.min(w, h) * 0.16);
  const gap = gapOf(w, h);
  const body = { ...content, top: content.top + tile + gap, height: content.height - tile - gap };
  const s = stack(
    plan,
    body,
    [
      {
        role: "main",
        text: t.title,
        maxSize: typeSize("h1", w, h),
        minSize: typeSize("min", w, h),
        weight: "bold",
        share: t.sub ? 0.6 : 1,
        leading: 1.15,
      },
      { role: "sub", text: t.sub ?? "", maxSize: typeSize("body", w, h), minSize: typeSize("min", w, h), weight: "regular", share: 0.36 },
    ],
    { gap, middle: true },
  );
  const box = { left: content.left, top: Math.max(content.top, s.top - gap - tile), width: tile, height: tile };
  plan.shapes.push({ kind: "rect", box, color: accent, opacity: 1, radius: Math.round(tile * 0.24) });
  const inset = Math.round(tile * 0.2);
  const iconColour = accentText([255, 255, 255], backdropsUnder(plan, box));
  plan.icons.push({
    box: { left: box.left + inset, top: box.top + inset, width: tile - inset * 2, height: tile - inset * 2 },
    path: ICONS[t.icon],
    color: iconColour,
  });
  return plan;
}

/** The stat card: the number very large in the brand colour, its noun under it, the site's sentence small below. */
export function statCard(c: CardInput, t: { figure: string; noun: string; sentence?: string }): ImagePlan {
  const { plan, content, accent } = frame("stat", c);
  const { width: w, height: h } = c;
  const gap = gapOf(w, h, 0.6);
  const centred = c.variant % 2 === 1;
  stack(
    plan,
    content,
    [
      {
        role: "figure",
        text: t.figure,
        maxSize: typeSize("display", w, h),
        minSize: typeSize("h2", w, h),
        weight: "bold",
        share: 0.4,
        color: accent,
        maxLines: 1,
        leading: 1.05,
      },
      {
        role: "noun",
        text: t.noun,
        maxSize: typeSize("h1", w, h),
        minSize: typeSize("small", w, h),
        weight: "bold",
        share: 0.24,
        maxLines: 2,
      },
      {
        role: "main",
        text: t.sentence ?? "",
        maxSize: typeSize("body", w, h),
        minSize: typeSize("min", w, h),
        weight: "regular",
        share: 0.3,
      },
    ],
    { gap, middle: true, align: centred ? "centre" : "left" },
  );
  return plan;
}
