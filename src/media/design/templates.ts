import type { SceneTemplate } from "../../content/script";
import type { CaptionStyle, IconName, Layer, Phase, ScenePlan, TextLine } from "./plan";
import type { Box, Tokens } from "./tokens";

/** What a scene says, as its template needs it. */
export interface SceneContent {
  /** The scene's own words: a headline, a feature, a number, a price, a quote. */
  text: string;
  /** The second line: a stat's noun, the person quoted, the plan's name, the end card's call to action. */
  detail?: string;
  /** The product's name and short link (end card). */
  name: string;
  link?: string;
  /** Varies icons, shapes and the background between scenes and posts. */
  seed: number;
  /** The app has a picture for this scene (a generated image or its own clip): the voice phase shows it instead of the badge. */
  picture?: boolean;
}

const FEATURE_ICONS: IconName[] = ["spark", "bolt", "check", "heart"];

function inset(b: Box, d: number): Box {
  return { x: b.x + d, y: b.y + d, w: b.w - 2 * d, h: b.h - 2 * d };
}

function line(t: Tokens, text: string, box: Box, size: number, o: Partial<TextLine> = {}): TextLine {
  return { text, box, size, color: t.colors.onSurface, on: t.colors.surface, bold: true, align: "left", ...o };
}

// Logo top-left of the zone; the rest of the zone below it is the stage, with the caption band at its bottom.
function frame(t: Tokens, zone: Box) {
  const logo: Box = { x: zone.x, y: zone.y, w: Math.round(zone.w * 0.45), h: Math.round(t.type.title * 1.4) };
  const top = logo.y + logo.h + t.gap;
  const stage: Box = { x: zone.x, y: top, w: zone.w, h: zone.y + zone.h - top };
  const capH = Math.round(t.type.caption * 1.3 * 2 + t.pad * 1.2);
  const caption: CaptionStyle = {
    box: { x: zone.x, y: stage.y + stage.h - capH, w: zone.w, h: capH },
    size: t.type.caption,
    color: t.colors.onPlate,
    on: t.colors.plate,
  };
  return { logo, stage, caption, above: { ...stage, h: caption.box.y - t.gap - stage.y } as Box };
}

// The voice phase of a card template: the card folds into a badge with its icon, over the caption band; a scene
// with its own picture shows the picture there instead, the whole stage above the captions.
function badge(t: Tokens, above: Box, icon: IconName, logo: Layer, picture = false): Phase {
  if (picture) return { layers: [logo, { kind: "picture", box: above }], text: [] };
  const s = Math.round(Math.min(above.w * 0.42, above.h * 0.8));
  const box = { x: above.x + Math.round((above.w - s) / 2), y: above.y + Math.round((above.h - s) / 2), w: s, h: s };
  return {
    layers: [
      logo,
      { kind: "rect", box, fill: t.colors.surface, radius: Math.round(s * 0.22) },
      { kind: "icon", box: inset(box, Math.round(s * 0.2)), icon, color: t.colors.accentText },
    ],
    text: [],
  };
}

type Frame = ReturnType<typeof frame>;

// A surface card centred in the stage above the caption band, `share` of the stage's height where that fits: its text
// never lies where the captions show, so the two text layers keep apart in place as well as in time.
function card(f: Frame, share: number): Box {
  const h = Math.min(f.above.h, Math.round(f.stage.h * share));
  return { x: f.above.x, y: f.above.y + Math.round((f.above.h - h) / 2), w: f.above.w, h };
}

// The shape every card template shares: the logo, the surface card `k` with what the template draws on it and its
// text, then the voice phase's badge (or the scene's picture) over the word-timed captions.
function cardScene(t: Tokens, f: Frame, c: SceneContent, k: Box, on: { layers: Layer[]; text: TextLine[]; badge: IconName }) {
  const logo: Layer = { kind: "logo", box: f.logo };
  return {
    card: { layers: [logo, { kind: "rect", box: k, fill: t.colors.surface, radius: t.radius } as Layer, ...on.layers], text: on.text },
    voice: badge(t, f.above, on.badge, logo, c.picture),
    caption: f.caption,
    captions: true,
  };
}

type Layout = (t: Tokens, zone: Box, c: SceneContent) => Omit<ScenePlan, "template" | "width" | "height" | "zone" | "background">;

const headline: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const logo: Layer = { kind: "logo", box: f.logo };
  const size = Math.round(t.type.display * 0.7);
  const h = Math.round(size * 1.3 * 3 + t.pad * 2);
  const box: Box = { x: zone.x, y: f.stage.y + Math.round((f.stage.h - h) / 2), w: zone.w, h };
  const deco: Layer = {
    kind: "rect",
    box: { ...box, y: box.y - t.gap, h: t.gap },
    fill: t.colors.surface,
    radius: t.gap / 2,
    opacity: 0.9,
  };
  const phase: Phase = { layers: [logo, { ...deco, box: { ...deco.box, w: Math.round(zone.w * (0.2 + (c.seed % 3) * 0.1)) } }], text: [] };
  return { card: phase, voice: phase, caption: { box, size, color: t.colors.onAccent, on: t.colors.accent }, captions: true };
};

const feature: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const k = card(f, 0.75);
  const icon = FEATURE_ICONS[c.seed % FEATURE_ICONS.length]!;
  const disc = { x: k.x + t.pad, y: k.y + t.pad, w: t.type.display, h: t.type.display };
  const textTop = disc.y + disc.h + t.gap;
  return cardScene(t, f, c, k, {
    layers: [
      { kind: "rect", box: disc, fill: t.colors.accent, radius: Math.round(disc.w / 2) },
      { kind: "icon", box: inset(disc, Math.round(disc.w * 0.2)), icon, color: t.colors.onAccent },
    ],
    text: [line(t, c.text, { x: k.x + t.pad, y: textTop, w: k.w - 2 * t.pad, h: k.y + k.h - t.pad - textTop }, t.type.title)],
    badge: icon,
  });
};

const stat: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const k = card(f, 0.7);
  const inner = inset(k, t.pad);
  const numH = Math.round(t.type.display * 1.35);
  return cardScene(t, f, c, k, {
    layers: [{ kind: "rect", box: { ...k, w: t.gap }, fill: t.colors.accent, radius: 0 }],
    text: [
      line(t, c.text, { x: inner.x, y: inner.y, w: inner.w, h: numH }, t.type.display, { color: t.colors.accentText }),
      ...(c.detail
        ? [line(t, c.detail, { x: inner.x, y: inner.y + numH + t.gap, w: inner.w, h: inner.h - numH - t.gap }, t.type.title)]
        : []),
    ],
    badge: "chart",
  });
};

const plan: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const k = card(f, 0.75);
  const bandH = Math.round(t.type.title * 1.3 + t.pad);
  const band: Box = { x: k.x, y: k.y, w: k.w, h: bandH };
  const priceTop = k.y + bandH + t.pad;
  const tick = t.type.title;
  return cardScene(t, f, c, k, {
    layers: [
      { kind: "rect", box: band, fill: t.colors.accent, radius: t.radius },
      { kind: "icon", box: { x: k.x + k.w - t.pad - tick, y: priceTop, w: tick, h: tick }, icon: "check", color: t.colors.accentText },
    ],
    text: [
      line(t, c.detail || c.name, inset(band, Math.round(t.pad / 2)), t.type.title, { color: t.colors.onAccent, on: t.colors.accent }),
      line(t, c.text, { x: k.x + t.pad, y: priceTop, w: k.w - 2 * t.pad - tick - t.gap, h: k.y + k.h - t.pad - priceTop }, t.type.display, {
        color: t.colors.accentText,
      }),
    ],
    badge: "tag",
  });
};

const testimonial: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const k = card(f, 0.9);
  const inner = inset(k, t.pad);
  const mark = t.type.title;
  const personH = Math.round(t.type.body * 1.5);
  const avatar = { x: inner.x, y: inner.y + inner.h - personH, w: personH, h: personH };
  const quoteTop = inner.y + mark + t.gap;
  return cardScene(t, f, c, k, {
    layers: [
      { kind: "icon", box: { x: inner.x, y: inner.y, w: mark, h: mark }, icon: "quote", color: t.colors.accentText },
      { kind: "rect", box: avatar, fill: t.colors.accent, radius: Math.round(personH / 2) },
      { kind: "icon", box: inset(avatar, Math.round(personH * 0.18)), icon: "person", color: t.colors.onAccent },
    ],
    text: [
      line(t, c.text, { x: inner.x, y: quoteTop, w: inner.w, h: avatar.y - t.gap - quoteTop }, t.type.title, { bold: false }),
      ...(c.detail
        ? [
            line(t, c.detail, { x: avatar.x + avatar.w + t.gap, y: avatar.y, w: inner.w - avatar.w - t.gap, h: personH }, t.type.body, {
              color: t.colors.accentText,
            }),
          ]
        : []),
    ],
    badge: "quote",
  });
};

const device: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const logo: Layer = { kind: "logo", box: f.logo };
  const labelH = Math.round(t.type.title * 1.3 * 2 + t.pad);
  const label: Box = { x: f.above.x, y: f.above.y, w: f.above.w, h: labelH };
  // The phone keeps its place in both phases; its height is what the label above and the captions below leave.
  const phoneTop = label.y + label.h + t.gap;
  const phoneH = f.above.y + f.above.h - phoneTop;
  const phoneW = Math.min(Math.round(phoneH * 0.5), f.above.w);
  const body: Box = { x: f.above.x + Math.round((f.above.w - phoneW) / 2), y: phoneTop, w: phoneW, h: phoneH };
  const bezel = Math.max(4, Math.round(phoneW * 0.045));
  const phone: Layer[] = [
    { kind: "device", box: body, radius: Math.round(phoneW * 0.14), color: [18, 18, 22] },
    { kind: "screen", box: inset(body, bezel), radius: Math.round(phoneW * 0.11) },
  ];
  return {
    card: {
      layers: [logo, { kind: "rect", box: label, fill: t.colors.surface, radius: t.radius }, ...phone],
      text: [line(t, c.text, inset(label, Math.round(t.pad / 2)), t.type.title, { align: "centre" })],
    },
    voice: { layers: [logo, ...phone], text: [] },
    caption: f.caption,
    captions: true,
  };
};

const end: Layout = (t, zone, c) => {
  const f = frame(t, zone);
  const k = f.stage;
  const inner = inset(k, t.pad);
  const logo: Box = { x: inner.x, y: inner.y, w: inner.w, h: Math.max(t.type.title, Math.round(inner.h * 0.16)) };
  const nameH = Math.round(t.type.title * 1.4);
  const pillH = Math.round(t.type.body * 1.4 + t.pad);
  const nameBox: Box = { x: inner.x, y: logo.y + logo.h + t.gap, w: inner.w, h: nameH };
  const pill: Box = { x: inner.x, y: inner.y + inner.h - pillH, w: inner.w, h: pillH };
  const ctaTop = nameBox.y + nameH + t.gap;
  const text = [
    line(t, c.name, nameBox, t.type.title, { align: "centre" }),
    line(t, c.detail || "", { x: inner.x, y: ctaTop, w: inner.w, h: pill.y - t.gap - ctaTop }, t.type.title, {
      align: "centre",
      bold: false,
    }),
    ...(c.link
      ? [
          line(t, c.link, inset(pill, Math.round(t.pad / 2)), t.type.body, {
            align: "centre",
            color: t.colors.onAccent,
            on: t.colors.accent,
          }),
        ]
      : []),
  ].filter((l) => l.text.trim());
  const phase: Phase = {
    layers: [
      { kind: "rect", box: k, fill: t.colors.surface, radius: t.radius },
      { kind: "logo", box: logo },
      ...(c.link ? [{ kind: "rect", box: pill, fill: t.colors.accent, radius: Math.round(pillH / 2) } as Layer] : []),
    ],
    text,
  };
  return { card: phase, voice: phase, caption: f.caption, captions: false };
};

/** Each template's layout: pure functions from the tokens, the safe zone and the scene's words to a render plan. */
export const TEMPLATE_LAYOUTS: Record<SceneTemplate, Layout> = { headline, feature, device, testimonial, plan, stat, end };

/** The render plan of one scene: its template laid out in the platform's safe zone with the design tokens. */
export function planScene(template: SceneTemplate, t: Tokens, zone: Box, content: SceneContent): ScenePlan {
  return {
    template,
    width: t.width,
    height: t.height,
    zone,
    background: { from: t.colors.bgFrom, to: t.colors.bgTo, seed: content.seed },
    ...TEMPLATE_LAYOUTS[template](t, zone, content),
  };
}
