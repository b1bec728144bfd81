/**
 * A small typed builder for ffmpeg command lines. Arguments go to Bun.spawn as an array (no shell),
 * so only filter-graph values need escaping; user text never enters the graph (it arrives as PNGs).
 */

/** One input file with the options placed before its -i. */
export interface FfInput {
  path: string;
  /** Loop a still image (-loop 1). */
  loop?: boolean;
  /** Read at most this many seconds (-t). */
  duration?: number;
  framerate?: number;
  /** Raw lavfi source such as "anullsrc=r=48000:cl=stereo" (then path is the graph). */
  lavfi?: boolean;
  /** Repeat the input forever (-stream_loop -1), e.g. short music under a longer video. */
  streamLoop?: boolean;
  /** An ffconcat list (-f concat -safe 0): stills with their durations, decoded on one thread unless `threads` says otherwise. */
  concat?: boolean;
  /** Decoder threads (-threads before -i); 1 for single still images keeps memory down. */
  threads?: number;
}

/** One filter: name, its options and the pads it reads and writes. */
export interface FfFilter {
  inputs: string[];
  name: string;
  options?: Record<string, string | number> | string;
  outputs: string[];
}

/** Escapes a value for use inside a filter option (ffmpeg's level-1 and level-2 escaping). */
export function escapeFilterValue(v: string | number): string {
  const s = String(v);
  // Level 1: within an option value, quote \ ' : ; level 2: graph separators , ; [ ] need a backslash.
  const quoted = s.replace(/\\/g, "\\\\").replace(/'/g, "'\\''").replace(/:/g, "\\:");
  return quoted.replace(/([,;[\]])/g, "\\$1");
}

function filterText(f: FfFilter): string {
  const pads = (ps: string[]) => ps.map((p) => `[${p}]`).join("");
  let opts = "";
  if (typeof f.options === "string") opts = f.options ? `=${f.options}` : "";
  else if (f.options && Object.keys(f.options).length) {
    opts =
      "=" +
      Object.entries(f.options)
        .map(([k, v]) => `${k}=${escapeFilterValue(v)}`)
        .join(":");
  }
  return `${pads(f.inputs)}${f.name}${opts}${pads(f.outputs)}`;
}

/** Builds `ffmpeg` argument arrays: inputs with their index, a filter graph, maps and output options. */
export class FfmpegCommand {
  private readonly inputs: FfInput[] = [];
  private readonly filters: FfFilter[] = [];
  private readonly maps: string[] = [];
  private readonly outOpts: string[] = [];
  private output = "";

  /** Adds an input and returns its index (for pads such as `${i}:v`). */
  input(i: FfInput): number {
    this.inputs.push(i);
    return this.inputs.length - 1;
  }

  /** Appends one filter to the graph. */
  filter(f: FfFilter): this {
    this.filters.push(f);
    return this;
  }

  /** Maps a labelled pad (or `N:a`) into the output. */
  map(pad: string): this {
    this.maps.push(/^\d+:/.test(pad) ? pad : `[${pad}]`);
    return this;
  }

  /** Output options, e.g. codec("-c:v", "libx264"). */
  outputOptions(...opts: (string | number)[]): this {
    this.outOpts.push(...opts.map(String));
    return this;
  }

  /** Sets the output file. */
  to(path: string): this {
    this.output = path;
    return this;
  }

  /** The filter graph as one string (for -filter_complex or -filter_complex_script). */
  graph(): string {
    return this.filters.map(filterText).join(";\n");
  }

  /** The full argument list after "ffmpeg". */
  args(opts: { graphFile?: string } = {}): string[] {
    if (!this.output) throw new Error("ffmpeg: no output file set");
    const a = ["-hide_banner", "-nostdin", "-y", "-loglevel", "error", "-progress", "pipe:1", "-nostats"];
    for (const i of this.inputs) {
      if (i.loop) a.push("-loop", "1");
      if (i.streamLoop) a.push("-stream_loop", "-1");
      if (i.framerate) a.push("-framerate", String(i.framerate));
      if (i.duration !== undefined) a.push("-t", i.duration.toFixed(3));
      // A list of stills decodes a few frames in all: frame threads would each hold a full still (6-8 MB at 1080x1920)
      // per scene input, about 50 MB over a short's scenes.
      const threads = i.threads ?? (i.concat ? 1 : undefined);
      if (threads) a.push("-threads", String(threads));
      if (i.lavfi) a.push("-f", "lavfi");
      if (i.concat) a.push("-f", "concat", "-safe", "0");
      a.push("-i", i.path);
    }
    if (this.filters.length) {
      if (opts.graphFile) a.push("-filter_complex_script", opts.graphFile);
      else a.push("-filter_complex", this.graph());
    }
    for (const m of this.maps) a.push("-map", m);
    a.push(...this.outOpts, this.output);
    return a;
  }
}
