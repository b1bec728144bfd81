import { eq } from "drizzle-orm";
import type { AppContext } from "../../src/app/context";
import { contentEvents, contentItems } from "../../src/db/schema/content";
import { jobs } from "../../src/db/schema/jobs";
import { createAdapters } from "../../src/publishing/adapters";
import type { PublishDeps } from "../../src/publishing/engine";
import { publishHandlers } from "../../src/publishing/handlers";
import { runDuePublishJobs } from "../../src/publishing/runner";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeX } from "../fakes/x";
import { makeTestContext } from "../support/context";
import { makeConnection, makeItem, makeOwner, makeVideoFile } from "../support/publishing-factories";

/** Status polls wait check_after_secs / 100 in tests (the fake's processing time is real). */
export const fastSleep = (ms: number) => Bun.sleep(ms / 100);

/** A test world: a fake X, an app context pointed at it, an owner with a connected X account. */
export function xWorld(opts: { processingMs?: number; chunk?: number; dataDir?: string } = {}) {
  const fake = new FakeX({ processingMs: opts.processingMs ?? 30, checkAfterSecs: 1 }).start();
  const env: Record<string, string> = { ...fake.env(), AMARKTAI_PLATFORM_X_UPLOAD_CHUNK_BYTES: String(opts.chunk ?? 100 * 1024) };
  if (opts.dataDir) env.AMARKTAI_DATA_DIR = opts.dataDir;
  const ctx = makeTestContext(env);
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  const conn = makeConnection(ctx, owner.userId, "x", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.user.id,
    accountName: "Amarktai Test (@amarktai_test)",
    extra: { username: fake.user.username },
  });
  const deps: PublishDeps = { adapters: createAdapters(ctx, { sleep: fastSleep }), random: () => 0.5 };
  const events: { name: string; payload: unknown }[] = [];
  ctx.events.on("content.attention", (p) => void events.push({ name: "content.attention", payload: p }));
  ctx.events.on("connection.revoked", (p) => void events.push({ name: "connection.revoked", payload: p }));
  return {
    fake,
    ctx,
    owner,
    conn,
    deps,
    events,
    /** An approved X video item due now. */
    item(o: Parameters<typeof makeItem>[2] = {}) {
      return makeItem(ctx, owner, { platform: "x", video: makeVideoFile(ctx, `v${Math.random().toString(36).slice(2)}.mp4`), ...o });
    },
    /** Schedules approved items and runs due publish jobs, as the schedule and worker would. */
    async run() {
      schedulePublishing(ctx, ctx.clock.now());
      return runDuePublishJobs(ctx, publishHandlers(ctx, deps));
    },
    get(itemId: number) {
      return ctx.db.select().from(contentItems).where(eq(contentItems.id, itemId)).get()!;
    },
    job(itemId: number) {
      return ctx.db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `publish:${itemId}`))
        .get()!;
    },
    history(itemId: number) {
      return ctx.db
        .select()
        .from(contentEvents)
        .where(eq(contentEvents.itemId, itemId))
        .all()
        .map((e) => e.action);
    },
    close() {
      fake.stop();
      ctx.cleanup();
    },
  };
}
