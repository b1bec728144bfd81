import { expect, test } from "bun:test";
import type { RegisteredJob } from "../../src/jobs/declare";
import { findJobByKey } from "../../src/jobs/store";
import { mediaRenderJob } from "../../src/media/job";
import { pipelineRunJob } from "../../src/pipeline/start";
import { createWorkers } from "../../src/server/jobs";
import { exportJob } from "../../src/exports/job";
import { makeTestContext } from "../support/context";

// A "Regenerate media" once waited 80 s behind other work for a 13 s render: the one worker took jobs in order,
// so a render queued after a pipeline run started only when the run had finished.
test("a render queued behind a running pipeline job starts and finishes while the pipeline job still runs", async () => {
  const ctx = makeTestContext();
  let releasePipeline = () => {};
  const pipelineHeld = new Promise<void>((r) => (releasePipeline = r));
  const list: RegisteredJob[] = [
    { kind: pipelineRunJob.kind, run: () => pipelineHeld },
    { kind: mediaRenderJob.kind, run: async () => {} },
  ];
  const workers = createWorkers(ctx, list);
  try {
    const now = ctx.clock.now();
    pipelineRunJob.enqueue(ctx.db, { runId: 1 }, { now, key: { webappId: 1, localDate: "2026-03-02", attempt: 1 } });
    const render = mediaRenderJob.enqueue(ctx.db, { itemId: 7 }, { now }); // same due time, queued after
    for (const w of workers) w.start();
    for (let i = 0; i < 100 && findJobByKey(ctx.db, render.key)?.status !== "done"; i++) await Bun.sleep(20);
    expect(findJobByKey(ctx.db, render.key)?.status).toBe("done");
    expect(findJobByKey(ctx.db, render.key)?.startedAt).toBeInstanceOf(Date);
  } finally {
    releasePipeline();
    await Promise.all(workers.map((w) => w.stop(100)));
    ctx.cleanup();
  }
});

test("renders run on media.render_concurrency workers of their own; the shared worker takes every other kind", () => {
  const ctx = makeTestContext({ AMARKTAI_MEDIA_RENDER_CONCURRENCY: "2", AMARKTAI_PIPELINE_CONCURRENCY: "1" });
  try {
    const list: RegisteredJob[] = [
      { kind: pipelineRunJob.kind, run: async () => {} },
      { kind: mediaRenderJob.kind, run: async () => {} },
    ];
    expect(createWorkers(ctx, list)).toHaveLength(3);
  } finally {
    ctx.cleanup();
  }
});

test("exports run on a worker of their own, so a person waiting on the export page never waits behind a pipeline run", async () => {
  const ctx = makeTestContext({ AMARKTAI_PIPELINE_CONCURRENCY: "1" });
  let releasePipeline = () => {};
  const pipelineHeld = new Promise<void>((r) => (releasePipeline = r));
  const list: RegisteredJob[] = [
    { kind: pipelineRunJob.kind, run: () => pipelineHeld },
    { kind: mediaRenderJob.kind, run: async () => {} },
    { kind: exportJob.kind, run: async () => {} },
  ];
  const workers = createWorkers(ctx, list);
  try {
    const now = ctx.clock.now();
    pipelineRunJob.enqueue(ctx.db, { runId: 1 }, { now, key: { webappId: 1, localDate: "2026-03-02", attempt: 1 } });
    const exp = exportJob.enqueue(ctx.db, { userId: 1, what: "item", id: 1 }, { now });
    for (const w of workers) w.start();
    for (let i = 0; i < 100 && findJobByKey(ctx.db, exp.key)?.status !== "done"; i++) await Bun.sleep(20);
    expect(findJobByKey(ctx.db, exp.key)?.status).toBe("done");
  } finally {
    releasePipeline();
    await Promise.all(workers.map((w) => w.stop(100)));
    ctx.cleanup();
  }
});
