import { int, oneOf, str } from "../option";

/**
 * One box (single: SQLite, the media folder, every part in one process) or several processes sharing PostgreSQL
 * (distributed: `amarktai --role ...` per process; docs/scaling.md). Single is the default and loads nothing of PostgreSQL.
 */
export const distributed = {
  mode: oneOf({
    default: "single",
    values: ["single", "distributed"] as const,
    doc: "single: one process on this box's SQLite file. distributed: processes with roles share the PostgreSQL database of postgres_url.",
    env: ["AMARKTAI_MODE"],
  }),
  postgres_url: str({
    default: "",
    secret: true,
    pattern: /^postgres(ql)?:\/\/\S+$/,
    hint: "a PostgreSQL URL such as postgres://amarktai:secret@db.internal:5432/amarktai",
    doc: "The PostgreSQL database the processes share in distributed mode (its job queue is pg-boss's, in the pgboss schema).",
    env: ["AMARKTAI_POSTGRES_URL"],
  }),
  heartbeat_seconds: int({
    default: 30,
    min: 10,
    max: 3600,
    doc: "Distributed mode: how long a running job may go without its worker's heartbeat (sent at half this) before another worker takes it.",
  }),
};
