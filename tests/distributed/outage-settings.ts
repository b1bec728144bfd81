/** The job kind the outage test's workers run. */
export const OUTAGE_KIND = "outage.work";
/** The heartbeat window in the outage test: pg-boss's minimum, so a 15 s outage outlasts it as 60 s outlasts the default 30 s. */
export const OUTAGE_HEARTBEAT_SECONDS = 10;
/** How long PostgreSQL is stopped: 1.5 heartbeat windows (production: 60 s against 30 s), short enough for CI. */
export const OUTAGE_MS = 15_000;
