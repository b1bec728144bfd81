// Runs the fake X in its own process (for the benchmark, so its CPU is not counted as ours).
// Prints one JSON line: { origin, tokens: [{ accessToken, refreshToken }] }.
import { FakeX } from "./x";

const { latencyMs, processingMs, accounts } = JSON.parse(process.argv[2] ?? "{}") as { latencyMs?: number; processingMs?: number; accounts?: number };
const fake = new FakeX({ latencyMs, processingMs, checkAfterSecs: 1 }).start();
const tokens = Array.from({ length: accounts ?? 1 }, () => fake.issueTokens(24 * 3600));
console.log(JSON.stringify({ origin: fake.origin, user: fake.user, tokens }));
process.on("SIGTERM", () => {
  fake.stop();
  process.exit(0);
});
