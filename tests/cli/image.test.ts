import { expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LANGUAGE_VOICES } from "../../src/media/tts/voices";
import { testWithTool } from "../support/tools";
import { REPO_ROOT } from "./helpers";

// The container image builds its own ffmpeg from src/cli/ffmpeg-components.txt and leaves out espeak-ng dictionaries:
// these tests keep both in step with what src/ uses, so the image cannot drift from the code between container checks.

const LIST = readFileSync(join(REPO_ROOT, "src/cli/ffmpeg-components.txt"), "utf8");
const DOCKERFILE = readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8");

/** The list's names per kind ("filter", "encoder", ...). */
function components(): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  for (const m of LIST.matchAll(/^([a-z]+):(.*)$/gm)) {
    const names = kinds.get(m[1]!) ?? new Set<string>();
    for (const n of m[2]!.trim().split(/\s+/)) names.add(n);
    kinds.set(m[1]!, names);
  }
  return kinds;
}

/** Every .ts file under src/media that runs ffmpeg, with its text. */
function ffmpegSources(): { file: string; text: string }[] {
  const dir = join(REPO_ROOT, "src/media");
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .map((f) => ({ file: `src/media/${f}`, text: readFileSync(join(dir, f), "utf8") }))
    .filter((s) => /ffmpeg/i.test(s.text));
}

/** Names the local ffmpeg lists for one of its listing options (column 2 of -filters, -encoders, -muxers ...). */
function localFfmpegNames(flag: string): Set<string> {
  const out = Bun.spawnSync(["ffmpeg", "-hide_banner", flag], { stdout: "pipe" }).stdout.toString();
  const col = flag === "-bsfs" || flag === "-protocols" ? 0 : 1;
  return new Set(
    out
      .split("\n")
      .slice(1)
      .flatMap((l) => (l.trim().split(/\s+/)[col] ?? "").split(",")),
  );
}

const LISTING: Record<string, string> = {
  filter: "-filters",
  encoder: "-encoders",
  decoder: "-decoders",
  muxer: "-muxers",
  demuxer: "-demuxers",
  indev: "-devices",
  bsf: "-bsfs",
  protocol: "-protocols",
};
const hasFfmpeg = Bun.which("ffmpeg") !== null;

test("the component list names only kinds the Dockerfile's configure step understands, and the Dockerfile builds from it", () => {
  expect([...components().keys()].sort()).toEqual([
    "bsf",
    "decoder",
    "demuxer",
    "encoder",
    "filter",
    "indev",
    "muxer",
    "parser",
    "protocol",
  ]);
  expect(DOCKERFILE).toContain("COPY src/cli/ffmpeg-components.txt");
  expect(DOCKERFILE).toMatch(/--disable-everything/);
});

testWithTool(
  "ffmpeg",
  hasFfmpeg,
  "every filter, encoder and format src/media hands ffmpeg is in the image's component list",
  () => {
    const list = components();
    const filters = localFfmpegNames("-filters");
    const missing: string[] = [];
    for (const { file, text } of ffmpegSources()) {
      // filters: a graph node's name ({ name: "scale" }) or the head of a chain element ("aresample=48000", `atempo=${x}`)
      const candidates = [...text.matchAll(/\bname:\s*"(\w+)"/g), ...text.matchAll(/["`,](\w+)=/g)].map((m) => m[1]!);
      for (const name of candidates) if (filters.has(name) && !list.get("filter")!.has(name)) missing.push(`${file}: filter ${name}`);
      for (const m of text.matchAll(/"-c(?:odec)?:[va]",\s*"(\w+)"/g))
        if (!list.get("encoder")!.has(m[1]!)) missing.push(`${file}: encoder ${m[1]}`);
      for (const m of text.matchAll(/"-f",\s*"(\w+)"/g)) {
        const f = m[1]!;
        if (!["muxer", "demuxer", "indev"].some((k) => list.get(k)!.has(f))) missing.push(`${file}: format ${f}`);
      }
    }
    expect(missing).toEqual([]);
  },
  30_000,
);

testWithTool(
  "ffmpeg",
  hasFfmpeg,
  "every name in the component list is a real ffmpeg component (Debian's full build lists them all)",
  () => {
    const unknown: string[] = [];
    for (const [kind, names] of components()) {
      const flag = LISTING[kind];
      if (!flag) continue; // parsers have no listing option; configure fails the image build on an unknown one
      const have = localFfmpegNames(flag);
      for (const n of names) if (!have.has(n)) unknown.push(`${kind} ${n}`);
    }
    expect(unknown).toEqual([]);
  },
  30_000,
);

test("the image keeps an espeak-ng dictionary for English and every language src/media/tts/voices.ts speaks", () => {
  const kept = new Set([...DOCKERFILE.matchAll(/path-include \/usr\/lib\/\*\/espeak-ng-data\/(\w+)_dict/g)].map((m) => m[1]!));
  expect(DOCKERFILE).toContain("path-exclude /usr/lib/*/espeak-ng-data/*_dict");
  for (const lang of ["en", ...Object.keys(LANGUAGE_VOICES)]) expect(kept, lang).toContain(lang);
});
