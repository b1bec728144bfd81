import { afterAll, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { buildReport } from "../../src/reports/build";
import { s3TestContext } from "../support/s3-context";
import { pdfImages, seedTwoWeeks } from "./helpers";

// In S3 mode the covers live only in the bucket: the report (PDF and the mail that attaches it) reads them from there.
const box = await s3TestContext("report-media");
const ctx = box.ctx;
ctx.clock.set(new Date("2026-03-10T09:00:00Z"));
afterAll(() => box.stop());

test("the report's thumbnails come from the bucket, and nothing is copied to the local media folder for them", async () => {
  const { user } = await seedTwoWeeks(ctx);
  const media = ctx.config.storage.media_dir;
  expect(existsSync(media) ? readdirSync(media).filter((f) => f !== ".tmp") : []).toEqual([]);
  const report = await buildReport(ctx, user, "week");
  const images = pdfImages(report.pdf);
  expect(images.length).toBe(4);
  expect(images.every((i) => i.width === 96 && i.height === 171)).toBe(true);
  expect(existsSync(media) ? readdirSync(media).filter((f) => f !== ".tmp") : []).toEqual([]);
});
