// Runs the fake X, YouTube, LinkedIn, Meta (Instagram + Facebook) and TikTok in one child process, so a
// benchmark measures only its own CPU. argv[2]: { latencyMs, processingMs, accounts }.
// Prints one JSON line: { env, tokens: { x: [...], youtube: [...], ... }, ids }.
import { FakeLinkedIn } from "./linkedin";
import { FakeMeta } from "./meta";
import { FakeTikTok } from "./tiktok";
import { FakeX } from "./x";
import { FakeYouTube } from "./youtube";

const { latencyMs, processingMs, accounts } = JSON.parse(process.argv[2] ?? "{}") as {
  latencyMs?: number;
  processingMs?: number;
  accounts?: number;
};
const n = accounts ?? 1;
const x = new FakeX({ latencyMs, processingMs, checkAfterSecs: 1 }).start();
const yt = new FakeYouTube({ latencyMs, processingMs }).start();
const li = new FakeLinkedIn({ latencyMs, processingMs }).start();
const meta = new FakeMeta({ latencyMs, processingMs }).start();
meta.quotaTotal = 100_000;
const tt = new FakeTikTok({ latencyMs, processingMs }).start();
const times = <T>(f: () => T) => Array.from({ length: n }, f);
console.log(
  JSON.stringify({
    env: { ...x.env(), ...yt.env(), ...li.env(), ...meta.env(), ...tt.env() },
    tokens: {
      x: times(() => x.issueTokens(24 * 3600)),
      youtube: times(() => yt.issueTokens()),
      linkedin: times(() => li.issueTokens()),
      instagram: times(() => meta.issueLongToken()),
      facebook: times(() => ({ page: meta.issuePageToken(), user: meta.issueLongToken() })),
      tiktok: times(() => tt.issueTokens()),
    },
    ids: { x: x.user, youtube: yt.channel, linkedin: li.member.sub, ig: meta.ig, page: meta.page.id, tiktok: tt.user.open_id },
  }),
);
process.on("SIGTERM", () => {
  for (const f of [x, yt, li, meta, tt]) f.stop();
  process.exit(0);
});
