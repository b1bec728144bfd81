// Benchmark (issue 16 item 5): the digest's comment section for a user with 20,000 stored comments: reading the
// newest comments that need an answer with their drafts (one indexed query), and the same plus a token per comment.
// Run: bun run bench inbox-digest. No target in the issue; it runs once per digest and must stay cheap.
import { classifyComment } from "../src/comments/classify";
import { comments } from "../src/db/schema/inbox";
import { createReplyToken, repliesForDigest } from "../src/inbox/reply-links";
import { localDate } from "../src/lib/zoned-time";
import { sendCommentDigest } from "../src/notify/comment-digest";
import { claimCommentDigest } from "../src/notify/comment-digest-store";
import { makeTestContext } from "../tests/support/context";
import { makeItem, makeUser, makeWebapp } from "../tests/support/content-factories";
import type { Bench, Figure } from "./support";

const TEXTS = [
  "How much does the pro plan cost?",
  "Love this, thank you!",
  "This keeps crashing on my phone",
  "first",
  "¿Funciona sin conexión?",
];
const TOTAL = 20_000;
const RUNS = 300;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function time(n: number, f: () => void): number[] {
  for (let i = 0; i < 20; i++) f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    out.push(performance.now() - t0);
  }
  return out;
}

export const bench: Bench = {
  name: "inbox-digest",
  summary: "the digest's 'comments that need an answer' section with 20,000 stored comments (300 runs each)",
  async run() {
    const ctx = makeTestContext();
    try {
      const user = makeUser(ctx);
      const webapp = makeWebapp(ctx, user.id);
      const item = makeItem(ctx, { userId: user.id, webappId: webapp.id, platform: "youtube", status: "published", title: "Post" });
      const classified = TEXTS.map((text) => ({ text, k: classifyComment({ text }) }));
      const now = ctx.clock.now().getTime();
      const rows = Array.from({ length: TOTAL }, (_, i) => {
        const { text, k } = classified[i % classified.length]!;
        const at = new Date(now - (TOTAL - i) * 60_000);
        const open = k.labels.includes("question") || k.labels.includes("complaint");
        return {
          userId: user.id,
          webappId: webapp.id,
          itemId: item.id,
          platform: "youtube",
          remoteId: `r${i}`,
          authorName: `viewer ${i}`,
          text: `${text} #${i}`,
          postedAt: at,
          labels: k.labels,
          language: k.language,
          state: (i % 3 === 0 ? "done" : open ? "needs_reply" : "new") as "done" | "needs_reply" | "new",
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
      if (repliesForDigest(ctx, user.id).length !== 5) throw new Error("bench inbox-digest: expected five comments in the section");
      const read = time(RUNS, () => repliesForDigest(ctx, user.id));
      const withTokens = time(RUNS, () => {
        for (const r of repliesForDigest(ctx, user.id)) createReplyToken(ctx, user.id, r.commentId, r.draft, 36);
      });
      // The digest schedule runs every minute: on a day without a batch each user past the digest time is checked;
      // once the day's comment digest is claimed on every channel the check must stay a cheap lookup.
      for (const channel of ["email", "telegram"])
        claimCommentDigest(ctx.db, user.id, localDate(ctx.clock.now(), user.timezone), channel, ctx.clock.now());
      const check = time(RUNS, () => void sendCommentDigest(ctx, user));
      const figures: Figure[] = [
        { name: "repliesForDigest (5 newest of 20,000 comments) p50", value: pct(read, 50), unit: "ms" },
        { name: "repliesForDigest p99", value: pct(read, 99), unit: "ms" },
        { name: "section with 5 one-tap tokens written p50", value: pct(withTokens, 50), unit: "ms" },
        { name: "section with 5 one-tap tokens written p99", value: pct(withTokens, 99), unit: "ms" },
        { name: "comment-only digest check once the day's digest went out (every minute per user) p50", value: pct(check, 50), unit: "ms" },
        { name: "comment-only digest check p99", value: pct(check, 99), unit: "ms" },
      ];
      return figures;
    } finally {
      ctx.cleanup();
    }
  },
};
