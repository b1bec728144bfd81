import type { SpokenLine } from "../tts/voiceover";
import type { FfmpegCommand } from "./ffmpeg";

/** What the sound track is made of: voice lines at their start times, optional music, over `total` seconds. */
export interface SoundTrack {
  total: number;
  voiceStarts: (number | undefined)[];
  voice: (SpokenLine | undefined)[];
  music?: { file: string; volume: number };
}

/** Adds the voice lines at their times, the ducked music bed and loudness normalisation; returns the audio pad. */
export function addAudio(cmd: FfmpegCommand, job: SoundTrack): string {
  const total = job.total;
  const voices: string[] = [];
  job.voice.forEach((line, k) => {
    const start = job.voiceStarts[k];
    if (!line || start === undefined) return;
    const i = cmd.input({ path: line.file });
    cmd.filter({ inputs: [`${i}:a`], name: "adelay", options: { delays: Math.round(start * 1000), all: 1 }, outputs: [`vd${k}`] });
    voices.push(`vd${k}`);
  });
  const silence = cmd.input({ path: "anullsrc=r=48000:cl=mono", lavfi: true, duration: total });
  cmd.filter({
    inputs: [`${silence}:a`, ...voices],
    name: "amix",
    options: { inputs: voices.length + 1, normalize: 0, duration: "first" },
    outputs: ["voice"],
  });
  let mix = "voice";
  if (job.music) {
    const m = cmd.input({ path: job.music.file, streamLoop: true, duration: total });
    cmd.filter({ inputs: ["voice"], name: "asplit", options: "2", outputs: ["voiceout", "voicesc"] });
    cmd.filter({ inputs: [`${m}:a`], name: "aformat", options: { sample_rates: 48000, channel_layouts: "mono" }, outputs: ["m1"] });
    cmd.filter({ inputs: ["m1"], name: "volume", options: { volume: job.music.volume }, outputs: ["m2"] });
    // Ducking: the voice drives a compressor on the music, so music dips while someone speaks.
    cmd.filter({
      inputs: ["m2", "voicesc"],
      name: "sidechaincompress",
      options: { threshold: 0.02, ratio: 10, attack: 15, release: 350 },
      outputs: ["m3"],
    });
    cmd.filter({ inputs: ["voiceout", "m3"], name: "amix", options: { inputs: 2, normalize: 0, duration: "first" }, outputs: ["mixed"] });
    mix = "mixed";
  }
  // EBU R128: -14 LUFS integrated, -1.5 dBTP; loudnorm works at 192 kHz so resample back to 48 kHz.
  cmd.filter({ inputs: [mix], name: "loudnorm", options: { I: -14, TP: -1.5, LRA: 11 }, outputs: ["ln"] });
  cmd.filter({ inputs: ["ln"], name: "aresample", options: "48000", outputs: ["ar"] });
  cmd.filter({ inputs: ["ar"], name: "aformat", options: { sample_rates: 48000, channel_layouts: "stereo" }, outputs: ["aout"] });
  return "aout";
}
