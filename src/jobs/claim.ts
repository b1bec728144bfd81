import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobs } from "../db/schema/jobs";
import type { Job } from "./store";

/**
 * Claims one job by its key for a person who asked for it now (the CLI): a queued job, a running one
 * whose lease lapsed, or a failed one (asking again is an explicit retry). Undefined when another
 * worker holds a live lease or the job is done.
 */
export function claimJobByKey(db: Db, key: string, now: Date, leaseMs: number): Job | undefined {
  const t = now.getTime();
  // drizzle's bun-sqlite get() of raw SQL answers the row as an array of values: [id].
  const row = db.get<[number] | undefined>(sql`
    UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ${t + leaseMs}, finished_at = NULL
    WHERE key = ${key} AND (status IN ('queued', 'failed') OR (status = 'running' AND lease_until < ${t}))
    RETURNING id`);
  return row ? db.select().from(jobs).where(eq(jobs.id, row[0])).get() : undefined;
}
