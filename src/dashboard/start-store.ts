import type { Db } from "../db/client";
import { oncePerDb } from "../db/prepared";
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

interface FactsRow {
  appId: number | null;
  appName: string | null;
  appPlatforms: string | null;
  connected: string | null;
  runId: number | null;
  runStatus: string | null;
  pending: number;
  rendering: number;
}

// The dashboard reads these on every view until the guide is done: one statement, prepared once per database.
const factsOf = oncePerDb((db) =>
  db.$client.query<FactsRow, { userId: number }>(
    `select a.id as appId, a.name as appName, a.platforms as appPlatforms,
       (select group_concat(distinct platform) from connections where user_id = $userId and status = 'ok') as connected,
       r.id as runId, r.status as runStatus,
       (select count(*) from content_items where user_id = $userId and status = 'pending_approval') as pending,
       (select count(*) from content_items where user_id = $userId and media_status in ('waiting', 'rendering')) as rendering
     from (select 1) one
     left join webapps a on a.id = (select min(id) from webapps where user_id = $userId)
     left join (select id, status from pipeline_runs where user_id = $userId order by id desc limit 1) r`,
  ),
);

/** Reads the guided start's facts for one user. */
export function startFacts(db: Db, userId: number): StartFacts {
  const row = factsOf(db).get({ userId });
  if (!row) throw new Error("dashboard.start-store: cannot read the guided start: the query returned no row");
  return {
    webapp: row.appId !== null ? { id: row.appId, name: row.appName ?? "", platforms: JSON.parse(row.appPlatforms ?? "[]") } : undefined,
    connected: row.connected ? row.connected.split(",") : [],
    run: row.runId !== null ? { id: row.runId, status: row.runStatus ?? "" } : undefined,
    pending: row.pending,
    rendering: row.rendering,
  };
}
