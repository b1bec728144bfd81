import { contentEvents, contentItems } from "../src/db/schema/content";
import { PLATFORM_IDS } from "../src/platforms/ids";
import { createApp } from "../src/server/app";
import { authedGet, makeUser, makeWebapp, signIn } from "../tests/support/content-factories";
import { makeTestContext } from "../tests/support/context";
import type { Bench, Figure } from "./support";

const ITEMS = 6000; // a year of posts, 3 web apps x 6 platforms, a third already published
const RUNS = 200;
const HOUR_MS = 3_600_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Server time of the calendar (GET /calendar, in process through the app's handler, HTML read to the end) for a
 * user with a year of posts: the busiest month (~500 posts) and a week, in New York time. Median of 200 views each.
 */
export const bench: Bench = {
  name: "calendar",
  summary: `the calendar's month and week views for a user with ${ITEMS} posts`,
  async run(): Promise<Figure[]> {
    const ctx = makeTestContext();
    try {
      const user = makeUser(ctx, { email: "bench@example.test", timezone: "America/New_York" });
      const apps = [1, 2, 3].map((i) => makeWebapp(ctx, user.id, `Bench app ${i}`));
      const start = Date.parse("2026-01-01T14:00:00Z");
      const now = new Date(start + (ITEMS / 3) * (HOUR_MS * 1.46));
      ctx.clock.set(now);
      ctx.db.$client.run("BEGIN");
      for (let i = 0; i < ITEMS; i++) {
        const plannedAt = new Date(start + i * HOUR_MS * 1.46);
        const published = plannedAt < now;
        const row = ctx.db
          .insert(contentItems)
          .values({
            userId: user.id,
            webappId: apps[i % 3]!.id,
            platform: PLATFORM_IDS[i % PLATFORM_IDS.length]!,
            format: "image",
            status: published ? "published" : i % 2 ? "approved" : "pending_approval",
            caption: `Post ${i}: plan your week in two minutes, with a link to try it.`,
            plannedAt,
            media: { cover: `u${user.id}/cover${i % 8}.jpg` },
            mediaStatus: "ready",
            createdAt: plannedAt,
            updatedAt: plannedAt,
          })
          .returning({ id: contentItems.id })
          .get();
        if (published)
          ctx.db
            .insert(contentEvents)
            .values({
              itemId: row.id,
              at: new Date(plannedAt.getTime() + 60_000),
              action: "publish.published",
              channel: "system",
              toStatus: "published",
            })
            .run();
      }
      ctx.db.$client.run("COMMIT");
      const app = createApp(ctx);
      const s = signIn(ctx, user.id);
      const date = now.toISOString().slice(0, 10);
      const time = async (path: string) => {
        const res = await app.handle(authedGet(path, s));
        if (res.status !== 200) throw new Error(`bench: ${path} answered ${res.status}`);
        const bytes = (await res.text()).length;
        const ms: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await (await app.handle(authedGet(path, s))).text();
          ms.push(performance.now() - t);
        }
        return { ms: median(ms), kb: bytes / 1024 };
      };
      const month = await time(`/calendar?view=month&date=${date}`);
      const week = await time(`/calendar?view=week&date=${date}`);
      return [
        { name: "month view, server time per view (median)", value: month.ms, unit: "ms", note: `${month.kb.toFixed(0)} KB of HTML` },
        { name: "week view, server time per view (median)", value: week.ms, unit: "ms", note: `${week.kb.toFixed(0)} KB of HTML` },
      ];
    } finally {
      ctx.cleanup();
    }
  },
};
