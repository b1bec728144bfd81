import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { pipelineRuns } from "../db/schema/pipeline";
import { connections } from "../db/schema/platforms";
import { webapps } from "../db/schema/webapps";
import type { PlatformId } from "../platforms/ids";

/** What the guided start reads to know where a user is: their first web app, connections, newest run and what waits. */
export interface StartFacts {
  webapp?: { id: number; name: string; platforms: PlatformId[] };
  /** Platforms with a working connection. */
  connected: string[];
  run?: { id: number; status: string };
  /** Posts waiting for approval, across all batches. */
  pending: number;
  /** Posts whose media is still waiting or rendering. */
  rendering: number;
}

/** Reads the guided start's facts for one user (a handful of small indexed reads). */
export function startFacts(db: Db, userId: number): StartFacts {
  const webapp = db
    .select({ id: webapps.id, name: webapps.name, platforms: webapps.platforms })
    .from(webapps)
    .where(eq(webapps.userId, userId))
    .orderBy(webapps.id)
    .get();
  const connected = db
    .selectDistinct({ platform: connections.platform })
    .from(connections)
    .where(and(eq(connections.userId, userId), eq(connections.status, "ok")))
    .all()
    .map((r) => r.platform);
  const run = db
    .select({ id: pipelineRuns.id, status: pipelineRuns.status })
    .from(pipelineRuns)
    .where(eq(pipelineRuns.userId, userId))
    .orderBy(desc(pipelineRuns.id))
    .get();
  const count = (where: ReturnType<typeof and>) => db.select({ n: sql<number>`count(*)` }).from(contentItems).where(where).get()?.n ?? 0;
  return {
    webapp,
    connected,
    run,
    pending: count(and(eq(contentItems.userId, userId), eq(contentItems.status, "pending_approval"))),
    rendering: count(and(eq(contentItems.userId, userId), inArray(contentItems.mediaStatus, ["waiting", "rendering"]))),
  };
}
