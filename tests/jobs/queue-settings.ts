/** The SQLite lease of the contract's workers (short, so a killed worker's job lapses in a test's time). */
export const CHILD_LEASE_MS = 3000;
/** pg-boss's heartbeat window in the contract (its minimum). */
export const PG_HEARTBEAT_SECONDS = 10;
