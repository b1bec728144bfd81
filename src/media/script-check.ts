import { SCENE_TEMPLATES, type VideoScript } from "../content/script";

/** Reads an item's stored script as a VideoScript, or returns what is wrong with it in plain words. */
export function readVideoScript(raw: unknown): VideoScript | string {
  if (!raw || typeof raw !== "object") return "the item has no video script";
  const s = raw as Partial<VideoScript>;
  if (!Array.isArray(s.scenes) || s.scenes.length === 0) return "the video script has no scenes";
  for (const [i, sc] of s.scenes.entries()) {
    if (!sc || typeof sc !== "object") return `scene ${i + 1} of the video script is not an object`;
    if (typeof sc.voiceover !== "string" || typeof sc.onScreenText !== "string")
      return `scene ${i + 1} of the video script lacks its voiceover or on-screen text`;
  }
  return {
    hook: typeof s.hook === "string" ? s.hook : "",
    // The template and second line the writer chose are kept: without them the short was drawn from templates read
    // again from the words, and a plan or stat card split its line differently from what the script said.
    scenes: s.scenes.map((sc) => ({
      onScreenText: sc.onScreenText,
      ...(sc.template && SCENE_TEMPLATES.includes(sc.template) ? { template: sc.template } : {}),
      ...(typeof sc.detail === "string" && sc.detail.trim() ? { detail: sc.detail } : {}),
      voiceover: sc.voiceover,
      visual: typeof sc.visual === "string" ? sc.visual : "",
      seconds: Number(sc.seconds) || 0,
    })),
    callToAction: typeof s.callToAction === "string" ? s.callToAction : "",
    url: typeof s.url === "string" ? s.url : "",
  };
}
