import { afterEach, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishDueCommand } from "../../src/cli/commands/publish-due";
import { listNotifications } from "../../src/notify/store";
import { xWorld } from "../platforms/x-helpers";

let w: ReturnType<typeof xWorld>;
afterEach(() => w?.close());

test("publish:due publishes due items through the configured platforms and exits 0; a failure exits 1", async () => {
  w = xWorld({ processingMs: 0 });
  const yaml = [
    "storage:",
    `  data_dir: ${w.ctx.config.storage.data_dir}`,
    `  media_dir: ${w.ctx.config.storage.media_dir}`,
    "platform_x:",
    "  client_id: x-client",
    "  client_secret: x-secret",
    `  api_base: ${w.fake.origin}/2`,
    `  token_url: ${w.fake.origin}/2/oauth2/token`,
  ].join("\n");
  const file = join(w.ctx.dir, "config.yaml");
  writeFileSync(file, yaml);
  const a = w.item();
  const b = w.item();
  expect(await publishDueCommand(["--config", file])).toBe(0);
  expect(w.get(a.id).status).toBe("published");
  expect(w.get(b.id).status).toBe("published");
  expect(w.fake.tweets).toHaveLength(2);

  const c = w.item({ caption: "y".repeat(400) });
  expect(await publishDueCommand(["--config", file])).toBe(1);
  expect(w.get(c.id).status).toBe("failed");
  // The owner is told, as the server would tell them: the CLI registers the same alert listeners.
  expect(listNotifications(w.ctx.db, c.userId).map((n) => n.title)).toContain(`Post #${c.id} to X failed`);
  expect(await publishDueCommand(["--config", file, "--concurrency", "0"])).toBe(2);
});

test("the app's JobWorker runs publish.item jobs with publishHandlers (what the coordinator registers)", async () => {
  const { JobWorker } = await import("../../src/jobs/worker");
  const { publishHandlers, schedulePublishing } = await import("../../src/publishing/handlers");
  w = xWorld();
  const a = w.item();
  expect(schedulePublishing(w.ctx, w.ctx.clock.now())).toBe(1);
  const worker = new JobWorker(w.ctx.db, w.ctx.clock, publishHandlers(w.ctx, w.deps));
  expect(await worker.drain()).toBe(1);
  expect(w.get(a.id).status).toBe("published");
});
