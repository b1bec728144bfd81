import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { saveComposerUpload } from "../../src/composer/upload";
import { contentItems } from "../../src/db/schema/content";
import { ActionRefused } from "../../src/http/errors";
import { JobError } from "../../src/jobs/worker";
import { mediaRenderHandler, requestMediaRender } from "../../src/media/job";
import { quotaCheck, usageOf } from "../../src/operator/quota";
import { ensureAccount, updateAccount } from "../../src/operator/store";
import { queueDueNightlyRuns } from "../../src/pipeline/nightly";
import { requestRun } from "../../src/pipeline/start";
import { removeWebapp } from "../../src/webapps/edit";
import { removeLogo, saveLogo } from "../../src/webapps/logo";
import { clientFor } from "../support/accounts";
import { makeItem, makeUser, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext> | undefined;
afterEach(() => {
  ctx?.cleanup();
  ctx = undefined;
});

const PLANS = `operator:
  plans:
    - id: tiny
      name: Tiny
      quotas: { storage_mb: 1 }
    - id: small
      name: Small
      quotas: { storage_mb: 0.5 }
  default_plan: tiny
`;

// Noise does not compress: a 440 x 440 PNG of it is about 0.58 MB.
async function noisePng(side = 440): Promise<Uint8Array<ArrayBuffer>> {
  return sharp({
    create: { width: side, height: side, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 60 } },
  })
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b));
}

function setup(enabled = true) {
  const c = makeTestContext({ AMARKTAI_OPERATOR_ENABLED: String(enabled) }, PLANS);
  const user = makeUser(c);
  ensureAccount(c.db, user.id, "tiny", c.clock.now());
  const app = makeWebapp(c, user.id);
  return { c, user, app, owner: { userId: user.id, webappId: app.id, localDate: "2026-03-02" } };
}

const mb = (bytes: number) => (Math.round((bytes / 1e6) * 100) / 100).toFixed(2);

test("uploads count their bytes; the upload that would pass the plan's MB is refused with the sentence and not kept", async () => {
  const { c, user, owner } = setup();
  ctx = c;
  const png = await noisePng();
  expect(png.byteLength).toBeGreaterThan(500_000);
  const first = await saveComposerUpload(c, owner, new File([png], "a.png", { type: "image/png" }));
  expect(first.ok).toBe(true);
  expect(usageOf(c, user.id, "storage_mb")).toBeCloseTo(png.byteLength / 1e6, 6);
  const dir = join(c.config.storage.media_dir, String(user.id), String(owner.webappId), owner.localDate);
  const files = readdirSync(dir).length;

  const second = await saveComposerUpload(c, owner, new File([png], "b.png", { type: "image/png" }));
  expect(second).toEqual({
    ok: false,
    message: `"b.png" was not stored. Your Tiny plan includes 1 MB of storage and you have used ${mb(png.byteLength)} MB. This needs ${mb(png.byteLength)} MB more. Upgrade your plan to do more. (/billing)`,
  });
  expect(readdirSync(dir).length).toBe(files);

  // A logo counts too, and deleting it frees its bytes.
  const small = await noisePng(200);
  const logo = await saveLogo(c, user.id, new File([small], "logo.png", { type: "image/png" }));
  expect(logo.ok).toBe(true);
  if (!logo.ok) return;
  expect(usageOf(c, user.id, "storage_mb")).toBeCloseTo((png.byteLength + small.byteLength) / 1e6, 6);
  await removeLogo(c, user.id, logo.path);
  expect(usageOf(c, user.id, "storage_mb")).toBeCloseTo(png.byteLength / 1e6, 6);
});

test("full storage refuses the run, the nightly run and a render with the sentence; the bars show it; deleting the web app's media frees it", async () => {
  const { c, user, app, owner } = setup();
  ctx = c;
  const png = await noisePng();
  const stored = await saveComposerUpload(c, owner, new File([png], "a.png", { type: "image/png" }));
  expect(stored.ok).toBe(true);
  // Moved to a smaller plan, the account is over its storage: new work that makes media is refused.
  updateAccount(c.db, user.id, { planId: "small" });
  const sentence = `Your Small plan includes 0.50 MB of storage and you have used ${mb(png.byteLength)} MB. Upgrade your plan to do more.`;
  const refused = (() => {
    try {
      requestRun(c, { webappId: app.id, trigger: "manual" });
    } catch (e) {
      return e;
    }
  })();
  expect(refused).toBeInstanceOf(ActionRefused);
  expect((refused as ActionRefused).message).toBe(sentence);
  expect(queueDueNightlyRuns(c).queued).toBe(0);
  // The same check queues the run once the plan has room again.
  updateAccount(c.db, user.id, { planId: "tiny" });
  expect(queueDueNightlyRuns(c).queued).toBe(1);
  updateAccount(c.db, user.id, { planId: "small" });

  const item = makeItem(c, { userId: user.id, webappId: app.id });
  const err = await mediaRenderHandler(c)
    .run(requestMediaRender(c, item.id), { heartbeat: () => {}, signal: new AbortController().signal })
    .catch((e) => e);
  expect(err).toBeInstanceOf(JobError);
  expect(err.message).toBe(sentence);
  expect(c.db.select().from(contentItems).where(eq(contentItems.id, item.id)).get()!.mediaError).toBe(`${sentence} (/billing)`);

  const page = (await clientFor(c, user).get("/usage/plan")).text;
  expect(page).toContain(`aria-label="Storage (MB): ${mb(png.byteLength)} of 0.50"`);

  // Deleting the web app deletes its media folder and frees the storage.
  const storedPath = !stored.ok
    ? "missing"
    : stored.media.kind === "image"
      ? stored.media.images[0]!.path
      : stored.media.kind === "video"
        ? stored.media.path
        : "missing";
  const path = join(c.config.storage.media_dir, storedPath);
  expect(existsSync(path)).toBe(true);
  await removeWebapp(c, user.id, app.id);
  expect(existsSync(path)).toBe(false);
  expect(usageOf(c, user.id, "storage_mb")).toBe(0);
  expect(quotaCheck(c, user.id, "storage_mb", 0)).toEqual({ allowed: true });
});

test("with operator mode off storage is still counted but never refuses", async () => {
  const { c, user, owner } = setup(false);
  ctx = c;
  const png = await noisePng();
  for (const name of ["a.png", "b.png", "c.png"])
    expect((await saveComposerUpload(c, owner, new File([png], name, { type: "image/png" }))).ok).toBe(true);
  expect(usageOf(c, user.id, "storage_mb")).toBeCloseTo((3 * png.byteLength) / 1e6, 6);
});
