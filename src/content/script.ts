/** One scene of a short video, as the creative agent writes it and the media studio renders it. */
export interface Scene {
  /** Short text set on screen (a few words). */
  onScreenText: string;
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
