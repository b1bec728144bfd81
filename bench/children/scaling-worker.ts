// One worker process of bench/scaling.ts: runs QueueWorker on the pg-boss adapter for one queue (KIND), with a fake
// renderer (sleep MS) or a real one (ffmpeg encodes a fixed clip of SECONDS with the short's x264 settings, one thread).
// It prints JSON lines on stdout (ready; every claim and every complete, timed) and reads commands on stdin: "go"
// starts claiming, "stop" stops and exits. Usage: bun scaling-worker.ts URL KIND sleep MS | URL KIND ffmpeg SECONDS TMPDIR
import { rmSync } from "node:fs";
import { join } from "node:path";
import { media } from "../../src/config/sections/media";
import { pgBossJobQueue } from "../../src/jobs/queue/pg-boss";
import type { JobQueue } from "../../src/jobs/queue/port";
import { QueueWorker } from "../../src/jobs/queue/worker";

const [url, kind, mode, arg, tmpDir] = process.argv.slice(2) as [string, string, "sleep" | "ffmpeg", string, string | undefined];
const HEARTBEAT_SECONDS = 10;

const say = (ev: Record<string, unknown>) => console.log(JSON.stringify({ ...ev, t: performance.timeOrigin + performance.now() }));

const inner = await pgBossJobQueue({ url, heartbeatSeconds: HEARTBEAT_SECONDS, poolSize: 2 });
// The real adapter, with each claim and each complete reported (the parent counts them by key).
const queue: JobQueue = {
  ...inner,
  async claim(kinds) {
    const job = await inner.claim(kinds);
    if (job) say({ ev: "claim", key: job.key, attempt: job.attempt });
    return job;
  },
  async complete(job) {
    const held = await inner.complete(job);
    say({ ev: "complete", key: job.key, attempt: job.attempt, held, cpuSeconds: cpuSeconds.get(job.key) });
    return held;
  },
  async fail(job, error, o) {
    const outcome = await inner.fail(job, error, o);
    say({ ev: "fail", key: job.key, attempt: job.attempt, outcome, error });
    return outcome;
  },
};

// The short's encoder settings (src/media/video/scenes.ts:scenesCommand, the default preset), on one thread.
function encodeArgs(seconds: number, out: string): string[] {
  return [
    ...["ffmpeg", "-v", "error", "-y", "-filter_threads", "1", "-f", "lavfi", "-i", `testsrc2=s=1080x1920:r=30:d=${seconds}`],
    ...["-c:v", "libx264", "-preset", media.x264_preset.default, "-profile:v", "high", "-x264-params", "cabac=1:8x8dct=1"],
    ...["-pix_fmt", "yuv420p", "-r", "30", "-g", "60", "-crf", "23", "-threads", "1", out],
  ];
}

// CPU seconds (user + system) each ffmpeg used, by job key: a cost per render that the machine's other load does not inflate much.
const cpuSeconds = new Map<string, number>();

const render = async (key: string) => {
  if (mode === "sleep") return Bun.sleep(Number(arg));
  const out = join(tmpDir!, `${key}.mp4`);
  const p = Bun.spawn(encodeArgs(Number(arg), out), { stdout: "ignore", stderr: "pipe" });
  const [code, err] = await Promise.all([p.exited, new Response(p.stderr).text()]);
  rmSync(out, { force: true });
  const usage = p.resourceUsage();
  if (usage) cpuSeconds.set(key, Number(usage.cpuTime.user + usage.cpuTime.system) / 1e6);
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${err.trim().slice(-400)}`);
};

const worker = new QueueWorker(
  queue,
  { [kind]: (job) => render(job.key) },
  {
    heartbeatMs: (HEARTBEAT_SECONDS * 1000) / 3,
    pollMs: 50,
    log: (msg) => console.error(msg),
  },
);
say({ ev: "ready", pid: process.pid });
for await (const line of console) {
  if (line.trim() === "go") worker.start();
  if (line.trim() === "stop") break;
}
await worker.stop();
await inner.close();
process.exit(0);
