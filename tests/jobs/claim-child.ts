// A child process for the reclaim test: claims the next due job on a database with a 5-minute lease, says so,
// and then holds it forever (until the parent kills it). Usage: bun claim-child.ts DB_PATH NOW_MS
import { openDatabase } from "../../src/db/client";
import { claimNextJob } from "../../src/jobs/store";

const [path, nowMs] = process.argv.slice(2) as [string, string];
const db = openDatabase(path);
const job = claimNextJob(db, new Date(Number(nowMs)), 5 * 60_000);
console.log(job ? `CLAIMED ${job.key}` : "NOTHING");
setInterval(() => {}, 1 << 30);
