// Benchmark (issue 16): /inbox for a user with 20,000 stored comments, server time (app.handle, no network).
// Run: bun run bench inbox. Target: <= 20 ms server time.
import { classifyComment } from "../src/comments/classify";
import { comments, type COMMENT_STATES } from "../src/db/schema/inbox";
import { createApp } from "../src/server/app";
import { makeTestContext } from "../tests/support/context";
import { authedGet, makeItem, makeUser, makeWebapp, signIn } from "../tests/support/content-factories";
import type { Bench, Figure } from "./support";

const TEXTS = [
  "How much does the pro plan cost?",
  "Love this, thank you!",
  "This keeps crashing on my phone, please fix",
  "Earn $500 a day with crypto!!! DM me bit.ly/xx",
  "¿Funciona sin conexión?",
  "first",
  "Great video, where do I sign up?",
  "Das ist super, danke!",
];
const TOTAL = 20_000;
const POSTS = 50;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function timePage(app: ReturnType<typeof createApp>, path: string, cookie: string, n: number): Promise<number[]> {
  for (let i = 0; i < 20; i++) await (await app.handle(authedGet(path, { cookie }))).text();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await app.handle(authedGet(path, { cookie }));
    await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`bench inbox: ${path} answered ${res.status}`);
  }
  return times;
}

export const bench: Bench = {
  name: "inbox",
  summary: "/inbox with 20,000 stored comments across 50 posts: server time per request (app.handle, 300 requests each)",
  async run() {
    const ctx = makeTestContext();
    try {
      const user = makeUser(ctx);
      const webapp = makeWebapp(ctx, user.id);
      const items = Array.from({ length: POSTS }, (_, i) =>
        makeItem(ctx, {
          userId: user.id,
          webappId: webapp.id,
          platform: i % 2 ? "youtube" : "instagram",
          status: "published",
          title: `Post ${i}`,
        }),
      );
      const classified = TEXTS.map((text) => ({ text, k: classifyComment({ text }) }));
      const now = ctx.clock.now().getTime();
      const rows = Array.from({ length: TOTAL }, (_, i) => {
        const { text, k } = classified[i % classified.length]!;
        const state: (typeof COMMENT_STATES)[number] = k.spam
          ? "spam"
          : i % 3 === 0
            ? "done"
            : k.labels.includes("question")
              ? "needs_reply"
              : "new";
        const item = items[i % POSTS]!;
        const at = new Date(now - (TOTAL - i) * 60_000);
        return {
          userId: user.id,
          webappId: webapp.id,
          itemId: item.id,
          platform: item.platform,
          remoteId: `r${i}`,
          authorName: `viewer ${i}`,
          text: `${text} #${i}`,
          postedAt: at,
          labels: k.labels,
          language: k.language,
          state,
          firstSeenAt: at,
          lastSeenAt: at,
        };
      });
      ctx.db.transaction(() => {
        for (let i = 0; i < rows.length; i += 500)
          ctx.db
            .insert(comments)
            .values(rows.slice(i, i + 500))
            .run();
      });
      const app = createApp(ctx);
      const { cookie } = signIn(ctx, user.id);
      const figures: Figure[] = [];
      for (const [label, path] of [
        ["/inbox (open comments, newest 100)", "/inbox"],
        ["/inbox?show=question", "/inbox?show=question"],
        ["/inbox?hours=24 (unanswered for more than 24 h)", "/inbox?hours=24"],
        ["/inbox/count (navigation badge)", "/inbox/count"],
      ] as const) {
        const t = await timePage(app, path, cookie, 300);
        figures.push({
          name: `${label}, 20,000 comments, server time p50`,
          value: pct(t, 50),
          unit: "ms",
          ...(path === "/inbox" ? { target: "<= 20 ms" } : {}),
        });
        figures.push({ name: `${label}, 20,000 comments, server time p99`, value: pct(t, 99), unit: "ms" });
      }
      return figures;
    } finally {
      ctx.cleanup();
    }
  },
};
