// Runs the six platforms' fakes in one child process with `perPlatform` published posts each (counters set), so the
// metrics benchmark measures only its own CPU. argv[2]: { latencyMs, perPlatform }.
// Prints one JSON line: { env, tokens, ids, posts: { youtube: [...ids], x: [...], ... } }.
import { FakeLinkedIn } from "./linkedin";
import { FakeMeta } from "./meta";
import { FakeTikTok } from "./tiktok";
import { FakeX } from "./x";
import { FakeYouTube } from "./youtube";

const { latencyMs, perPlatform } = JSON.parse(process.argv[2] ?? "{}") as { latencyMs?: number; perPlatform?: number };
const n = perPlatform ?? 100;
const x = new FakeX({ latencyMs }).start();
const yt = new FakeYouTube({ latencyMs }).start();
yt.dailyUnits = 1_000_000;
const li = new FakeLinkedIn({ latencyMs }).start();
const meta = new FakeMeta({ latencyMs }).start();
const tt = new FakeTikTok({ latencyMs }).start();
const range = (f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const posts = {
  youtube: range((i) => {
    const id = yt.addVideo(`video ${i}`);
    yt.setStats(id, { viewCount: 1000 + i, likeCount: i, commentCount: i % 7 });
    yt.analytics.figures.set(id, {
      views: 990 + i,
      estimatedMinutesWatched: 300 + i,
      averageViewDuration: 18,
      averageViewPercentage: 55.5,
      shares: i % 5,
    });
    return id;
  }),
  x: range((i) => {
    const id = x.addPost(`post ${i}`);
    x.setMetrics(id, { impression_count: 500 + i, like_count: i, retweet_count: 1, quote_count: 1, bookmark_count: 2 });
    return id;
  }),
  tiktok: range((i) => {
    const id = tt.addVideo(`clip ${i}`);
    tt.setStats(id, { view_count: 2000 + i, like_count: i, comment_count: 3, share_count: 4 });
    return id;
  }),
  instagram: range((i) => {
    const id = String(17_950_000_000_000_000n + BigInt(i));
    meta.media.push({ id, igUser: meta.ig.id, caption: `reel ${i}`, timestamp: new Date(), container: `c${i}` });
    Object.assign(meta.engagement.of(id), {
      views: 800 + i,
      likes: i,
      shares: 2,
      reach: 600 + i,
      saved: 5,
      avgWatchMs: 6000,
      totalWatchMs: 4_800_000 + i,
    });
    return id;
  }),
  facebook: range((i) => {
    const id = String(1_200_000_000_000 + i);
    meta.reels.push({ id, description: `reel ${i}`, created: new Date(), size: 1, received: 1, finishedAt: Date.now() });
    Object.assign(meta.engagement.of(id), {
      views: 300 + i,
      likes: i,
      reel: { plays: 350 + i, reach: 250 + i, avgWatchMs: 7000, totalWatchMs: 2_100_000 + i },
    });
    return id;
  }),
  linkedin: range((i) => {
    const urn = `urn:li:share:${7_100_000_000_000_000_000n + BigInt(i)}`;
    li.posts.push({ urn, author: `urn:li:person:${li.member.sub}`, commentary: `post ${i}`, createdAt: Date.now(), likes: i });
    return urn;
  }),
};
console.log(
  JSON.stringify({
    env: { ...x.env(), ...yt.env(), ...li.env(), ...meta.env(), ...tt.env() },
    tokens: {
      x: x.issueTokens(24 * 3600),
      youtube: yt.issueTokens(),
      linkedin: li.issueTokens(),
      instagram: meta.issueLongToken(),
      facebook: { page: meta.issuePageToken(), user: meta.issueLongToken() },
      tiktok: tt.issueTokens(),
    },
    ids: { x: x.user, youtube: yt.channel, linkedin: li.member.sub, ig: meta.ig, page: meta.page.id, tiktok: tt.user.open_id },
    posts,
  }),
);
process.on("SIGTERM", () => {
  for (const f of [x, yt, li, meta, tt]) f.stop();
  process.exit(0);
});
