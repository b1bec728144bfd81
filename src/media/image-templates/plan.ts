import type { Rgb } from "../color";

/** A rectangle on an image, in pixels. */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The image templates: each turns one idea of a post into a designed card. */
export const TEMPLATE_NAMES = ["headline", "feature", "stat", "quote", "price", "cta"] as const;

/** One template's name. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What a text layer is for: the checks and the render report look layers up by role. */
export type TextRole = "main" | "figure" | "noun" | "sub" | "person" | "label" | "link" | "wordmark" | "row";

/** A block of text already fitted to its box: the lines as drawn, the size and the colour it is set in. */
export interface TextLayer {
  role: TextRole;
  box: Box;
  lines: string[];
  /** Type size in pixels (Pango points at 72 dpi). */
  size: number;
  /** Distance between baselines, in pixels. */
  lineHeight: number;
  weight: "bold" | "regular";
  color: Rgb;
  align: "left" | "centre" | "right";
  /** True when the text was cut (at a word, with an ellipsis) because it could not fit at the smallest size. */
  cut: boolean;
}

/** A flat shape behind the text: a panel (rounded rectangle) or a decorative circle. */
export type Shape =
  | { kind: "rect"; box: Box; color: Rgb; opacity: number; radius: number }
  | { kind: "circle"; cx: number; cy: number; r: number; color: Rgb; opacity: number };

/** A drawn icon (24x24 path data scaled into its box). */
export interface IconLayer {
  box: Box;
  path: string;
  color: Rgb;
}

/** Where the logo goes: the logo file when the app has one, else a monogram drawn from the name. */
export interface LogoSlot {
  box: Box;
  file?: string;
  /** The monogram's letter and colours when there is no file. */
  monogram?: { letter: string; color: Rgb; background: Rgb };
}

/** A whole image as data: every box, text and colour, rendered by `render.ts` and checked by `checks.ts`. */
export interface ImagePlan {
  template: TemplateName;
  width: number;
  height: number;
  /** The area the platform's interface leaves clear; every text and the logo stay inside it. */
  safe: Box;
  /** The background as a vertical-ish linear gradient through these colours (one colour: solid). */
  background: { stops: Rgb[]; angle: number };
  shapes: Shape[];
  icons: IconLayer[];
  logo: LogoSlot;
  texts: TextLayer[];
}
