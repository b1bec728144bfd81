import { bool, int, num, oneOf, str, url } from "../option";

/** The media studio: fonts, voice, music, render limits and the optional paid generators. */
export const media = {
  font_bold: str({
    default: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    doc: "Font file (TTF/OTF path) for headlines on images and videos.",
  }),
  font_regular: str({
    default: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    doc: "Font file (TTF/OTF path) for captions, URLs and small text.",
  }),
  render_concurrency: int({ default: 1, min: 1, max: 8, doc: "How many videos render at the same time (one suits 2 cores)." }),
  x264_preset: oneOf({
    default: "ultrafast",
    values: ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium"] as const,
    doc: "libx264 speed preset for shorts (CABAC and 8x8 transforms stay on, so the stream is always H.264 High); slower presets make smaller files.",
  }),
  music_dir: str({
    default: "",
    doc: "Folder of background music (mp3, m4a, ogg, wav, flac) you fill; one track is picked per video and ducked under the voice. Empty: no music.",
  }),
  music_volume: num({ default: 0.25, min: 0, max: 1, doc: "Background music level before ducking (0-1)." }),
  screenshots: bool({
    default: true,
    doc: "Take screenshots of the app's own site with headless Chromium for backgrounds (skipped when Chromium is missing).",
  }),
  chromium_path: str({ default: "/usr/bin/chromium", doc: "Chromium executable used for screenshots." }),
  upload_max_bytes: int({
    default: 300_000_000,
    min: 100_000,
    max: 5_000_000_000,
    doc: "Largest image or video a person uploads with a post they write (the whole form is read up to this size plus its text).",
  }),
  signed_url_secret: str({ default: "", secret: true, doc: "HMAC key for signed media URLs; empty derives one from the encryption key." }),
};

/** Voiceover: the offline engine and the paid text-to-speech providers. */
export const tts = {
  provider: oneOf({
    default: "offline",
    values: ["offline", "openai", "elevenlabs"] as const,
    doc: "Who speaks the voiceover: offline (on this box), OpenAI or ElevenLabs.",
  }),
  offline_engine: oneOf({
    default: "auto",
    values: ["auto", "festival", "flite", "espeak"] as const,
    doc: "Offline engine; auto picks Festival with the HTS voice, else flite slt, else espeak-ng (see docs/voice.md).",
  }),
  rate: num({ default: 1.0, min: 0.5, max: 2.0, doc: "Speaking speed (1.0 = the voice's normal speed)." }),
  pitch: num({ default: 0, min: -6, max: 6, doc: "Pitch shift in semitones (0 = unchanged)." }),
  openai_api_key: str({ default: "", secret: true, doc: "OpenAI API key for text-to-speech." }),
  openai_base_url: url({ default: "https://api.openai.com/v1", doc: "OpenAI API base URL." }),
  openai_model: str({ default: "gpt-4o-mini-tts", doc: "OpenAI speech model." }),
  openai_voice: str({ default: "alloy", doc: "OpenAI voice name." }),
  elevenlabs_api_key: str({ default: "", secret: true, doc: "ElevenLabs API key (xi-api-key)." }),
  elevenlabs_base_url: url({ default: "https://api.elevenlabs.io", doc: "ElevenLabs API base URL." }),
  elevenlabs_voice_id: str({ default: "21m00Tcm4TlvDq8ikWAM", doc: "ElevenLabs voice id." }),
  elevenlabs_model: str({ default: "eleven_multilingual_v2", doc: "ElevenLabs model id." }),
};

/** Optional generated background images. */
export const imagegen = {
  provider: oneOf({
    default: "none",
    values: ["none", "openai", "leonardo"] as const,
    doc: "Image generator for scene backgrounds: none, OpenAI images or Leonardo.",
  }),
  openai_api_key: str({ default: "", secret: true, doc: "OpenAI API key for image generation." }),
  openai_base_url: url({ default: "https://api.openai.com/v1", doc: "OpenAI API base URL for images." }),
  openai_model: str({ default: "gpt-image-1", doc: "OpenAI image model." }),
  leonardo_api_key: str({ default: "", secret: true, doc: "Leonardo API key (Bearer)." }),
  leonardo_base_url: url({ default: "https://cloud.leonardo.ai/api/rest/v1", doc: "Leonardo REST API base URL." }),
  leonardo_model_id: str({ default: "", doc: "Leonardo model id; empty uses the account's default model." }),
  timeout_ms: int({ default: 120000, min: 1000, max: 600000, doc: "Longest wait for one generated image." }),
};
