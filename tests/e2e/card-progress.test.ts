import { expect, test } from "bun:test";
import { claimJobByKey, completeJob, extendLease } from "../../src/jobs/store";
import { requestMediaRender } from "../../src/media/job";
import { markMediaRendering, saveMediaReady } from "../../src/media/store";
import { makeReadyBatch, makeUser, signIn } from "../support/content-factories";
import { useBrowserWorld } from "../support/browser-world";

const world = useBrowserWorld();

test("a card whose media is re-rendering shows the render's percent as it goes and turns into the finished card, without a reload", async () => {
  const u = makeUser(world.ctx);
  const { items } = makeReadyBatch(world.ctx, u.id, { platforms: ["x"] });
  const id = items[0]!.id;
  const job = requestMediaRender(world.ctx, id);
  const s = signIn(world.ctx, u.id);
  const context = await world.signedIn(s.cookie, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(`${world.base}/approval`);
  const card = page.locator(`#item-${id}`);
  await card.locator(".card-work progress").waitFor();
  claimJobByKey(world.ctx.db, job.key, world.ctx.clock.now(), 60_000);
  markMediaRendering(world.ctx.db, id, world.ctx.clock.now());
  extendLease(world.ctx.db, job.id, new Date(world.ctx.clock.now().getTime() + 60_000), "40% encoding the short");
  await card.getByText(/^40% · .*encoding the short$/).waitFor({ timeout: 10_000 });
  expect(await card.locator("progress").getAttribute("value")).toBe("40");
  saveMediaReady(
    world.ctx.db,
    id,
    { images: [{ path: "1/done.png", width: 1080, height: 1350, target: "portrait" }] },
    world.ctx.clock.now(),
  );
  completeJob(world.ctx.db, job.id, world.ctx.clock.now());
  await card.locator('img[src="/media/1/done.png"]').waitFor({ timeout: 10_000 });
  expect(await card.locator(".card-work").count()).toBe(0); // the finished card has no polling area
  expect(await page.locator(`[id="item-${id}"]`).count()).toBe(1); // replaced, not nested
  expect(loads).toBe(1);
  await context.close();
}, 60_000);
