import { afterEach, expect, test } from "bun:test";
import { claimNextJob } from "../../src/jobs/store";
import { PlatformError, type PlatformAdapter } from "../../src/platforms/types";
import { publishHandlers } from "../../src/publishing/handlers";
import { getJournal } from "../../src/publishing/store";
import { schedulePublishing } from "../../src/publishing/schedule";
import { jobContext } from "../support/publishing-factories";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

/** The real X adapter, noting the item's state and journal phase right before and after its first phase is written. */
function watchingFirstPhase(real: PlatformAdapter, seen: string[]): PlatformAdapter {
  return {
    ...real,
    publish(conn, input, journal, signal) {
      let first = true;
      const state = () => `${w.get(input.itemId).status}/${getJournal(w.ctx.db, input.itemId)?.phase ?? "-"}`;
      return real.publish(
        conn,
        input,
        {
          get data() {
            return journal.data;
          },
          heartbeat: (p) => journal.heartbeat(p),
          async before(phase, data) {
            if (first) seen.push(`before ${phase}: ${state()}`);
            await journal.before(phase, data);
            if (first) seen.push(`after ${phase}: ${state()}`);
            first = false;
          },
        },
        signal,
      );
    },
  };
}

test("the item moves to publishing in the same commit as its first journal phase, with both history lines", async () => {
  w = xWorld({ processingMs: 0 });
  const item = w.item();
  const seen: string[] = [];
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { x: watchingFirstPhase(w.deps.adapters.x!, seen) } });
  schedulePublishing(w.ctx, w.ctx.clock.now());
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 60_000)!;
  await handlers["publish.item"]!(job, jobContext());
  expect(seen).toEqual(["before prepared: scheduled/-", "after prepared: publishing/prepared"]);
  const history = w.history(item.id);
  expect(history.slice(0, 3)).toEqual(["publish.scheduled", "publish.started", "publish.prepared"]);
  expect(w.get(item.id).status).toBe("published");
});

test("an attempt that fails before its first phase leaves the item scheduled, never 'publishing' without a journal", async () => {
  w = xWorld({ processingMs: 0 });
  const item = w.item();
  const failing: PlatformAdapter = {
    ...w.deps.adapters.x!,
    publish: async () => {
      throw new PlatformError("transient", "connection reset");
    },
  };
  schedulePublishing(w.ctx, w.ctx.clock.now());
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 60_000)!;
  await expect(publishHandlers(w.ctx, { ...w.deps, adapters: { x: failing } })["publish.item"]!(job, jobContext())).rejects.toThrow(
    "connection reset",
  );
  expect(w.get(item.id).status).toBe("scheduled");
  expect(w.history(item.id)).not.toContain("publish.started");
  expect(w.history(item.id)).toContain("publish.waiting");
  expect(w.fake.createCalls).toBe(0);
});

test("the publish job is marked done inside the transaction that records the published item", async () => {
  w = xWorld({ processingMs: 0 });
  const item = w.item();
  schedulePublishing(w.ctx, w.ctx.clock.now());
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 60_000)!;
  const seen: { inTransaction: boolean; status: string; phase?: string }[] = [];
  const jc = {
    ...jobContext(),
    complete: () =>
      void seen.push({
        inTransaction: w.ctx.db.$client.inTransaction,
        status: w.get(item.id).status,
        phase: getJournal(w.ctx.db, item.id)?.phase,
      }),
  };
  await publishHandlers(w.ctx, w.deps)["publish.item"]!(job, jc);
  expect(seen).toEqual([{ inTransaction: true, status: "published", phase: "confirmed" }]);

  // Through the queue runner the job ends done, once, with the item published.
  const other = w.item();
  expect(await w.run()).toBe(1);
  expect(w.get(other.id).status).toBe("published");
  expect(w.job(other.id)).toMatchObject({ status: "done", attempts: 1, leaseUntil: null, lastError: null });
  expect(w.fake.tweets).toHaveLength(2);
});
