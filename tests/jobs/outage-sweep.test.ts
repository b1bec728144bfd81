import { expect, test } from "bun:test";
import { OutageAwareSweep } from "../../src/jobs/queue/pg-boss";

// The expiry sweep of the pg-boss adapter; tests/distributed/outage.test.ts shows why it waits (jobs ran twice without it).
test("the sweep runs while the database answers, and waits one heartbeat window after it was away", async () => {
  let now = 0;
  const sweep = new OutageAwareSweep(10_000, () => now);
  let up = true;
  let swept = 0;
  const ping = async () => {
    if (!up) throw new Error("connection refused");
  };
  const supervise = async () => {
    swept++;
  };
  expect(await sweep.tick(ping, supervise)).toBe(true);
  up = false;
  now = 5_000;
  expect(await sweep.tick(ping, supervise)).toBe(false);
  up = true;
  now = 60_000; // back: the window starts now
  expect(await sweep.tick(ping, supervise)).toBe(false);
  now = 69_000;
  expect(await sweep.tick(ping, supervise)).toBe(false);
  now = 70_000;
  expect(await sweep.tick(ping, supervise)).toBe(true);
  // A failure another call saw (a refused heartbeat, pg-boss's error event) counts as the database being away.
  sweep.sawFailure();
  now = 71_000;
  expect(await sweep.tick(ping, supervise)).toBe(false);
  now = 81_000;
  expect(await sweep.tick(ping, supervise)).toBe(true);
  expect(swept).toBe(3);
});
