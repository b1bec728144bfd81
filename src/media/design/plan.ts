import type { SceneTemplate } from "../../content/script";
import type { Rgb } from "../color";
import type { Box } from "./tokens";

/** The icons templates draw (SVG paths in src/media/video/stills.ts). */
export type IconName = "spark" | "bolt" | "check" | "quote" | "person" | "chart" | "tag" | "heart";

/** A non-text element of a scene, drawn in order (later on top). */
export type Layer =
  | { kind: "rect"; box: Box; fill: Rgb; radius: number; opacity?: number }
  | { kind: "icon"; box: Box; icon: IconName; color: Rgb }
  | { kind: "logo"; box: Box }
  | { kind: "device"; box: Box; radius: number; color: Rgb }
  /** Where the site's screenshot (cropped to the feature) shows, inside a device. */
  | { kind: "screen"; box: Box; radius: number }
  /** Where the app's own picture shows (a generated image, or an uploaded clip playing over this box). */
  | { kind: "picture"; box: Box };

/** One line of a scene's own text, set to fit its box (never larger than `size`) in `color` on the solid `on` colour. */
export interface TextLine {
  text: string;
  box: Box;
  size: number;
  color: Rgb;
  on: Rgb;
  bold: boolean;
  align: "left" | "centre";
}

/** What is on screen in one phase of a scene: elements and, at most, one text layer (its lines). */
export interface Phase {
  layers: Layer[];
  text: TextLine[];
}

/** How the spoken captions are set: in `box`, one chunk at a time, on a plate of `on`. */
export interface CaptionStyle {
  box: Box;
  size: number;
  color: Rgb;
  on: Rgb;
}

/**
 * A scene's render plan. A scene shows its own text first (`card`), then the card gives way to `voice` where the
 * word-timed captions are the only text; `captions: false` (end card) keeps the card text up while the voice speaks.
 */
export interface ScenePlan {
  template: SceneTemplate;
  width: number;
  height: number;
  /** The platform's safe zone: every text box stays inside it. */
  zone: Box;
  background: { from: Rgb; to: Rgb; seed: number };
  card: Phase;
  voice: Phase;
  caption: CaptionStyle;
  captions: boolean;
}
