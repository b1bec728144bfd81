/** The scene templates of the design system (src/media/design/templates.ts draws each). */
export const SCENE_TEMPLATES = ["headline", "feature", "device", "testimonial", "plan", "stat", "end"] as const;

/** One scene template: kinetic headline, feature card with an icon, device-framed screenshot, testimonial, price/plan, stat, end card. */
export type SceneTemplate = (typeof SCENE_TEMPLATES)[number];

/** One scene of a short video, as the creative agent writes it and the media studio renders it. */
export interface Scene {
  /** Short text set on screen (a few words): a stat's number, a plan's price, a quote, a feature's name. */
  onScreenText: string;
  /** The template the scene is drawn with; scripts without one get it from their text and visual (src/media/design/pick.ts). */
  template?: SceneTemplate;
  /** The template's second line: a stat's noun, the person quoted, the plan's name. */
  detail?: string;
  /** The voiceover line spoken during the scene (also burned in as captions). */
  voiceover: string;
  /** Visual direction: which background and motion, e.g. "screenshot:home scroll" or "brand gradient zoom". */
  visual: string;
  /** Planned length in seconds (the voiceover's real length wins when longer). */
  seconds: number;
}

/** A video script: 3-6 scenes, an intro hook in the first 2 seconds and an end card with the call to action. */
export interface VideoScript {
  hook: string;
  scenes: Scene[];
  callToAction: string;
  /** The URL shown on the end card (with UTM parameters). */
  url: string;
}
