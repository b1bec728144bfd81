// A distributed process for the workers-page test: records itself in the worker registry as ROLE, beating every
// BEAT_MS, running one job, until the parent kills it (kill -9: its row goes silent). Usage: bun registry-child.ts URL ROLE BEAT_MS
import { startPostgresRegistry } from "../../src/admin/registry";

const [url, role, beatMs] = process.argv.slice(2) as [string, string, string];
await startPostgresRegistry({ url, role, beatMs: Number(beatMs), running: () => ["media.render render:9"] });
console.log("READY");
