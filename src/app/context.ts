import type { Config } from "../config/schema";
import type { Db } from "../db/client";
import type { sessions, users } from "../db/schema/accounts";
import type { Clock } from "../lib/clock";
import type { Logger } from "../lib/log";
import type { Mailer } from "../notify/mail";
import type { SecretBox } from "../security/secretbox";
import type { EventBus } from "./events";

/** Everything a route, job or agent needs, built once at start-up and passed down. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  mailer: Mailer;
  paths: AppPaths;
  secrets: SecretBox;
  events: EventBus;
  /** Resolves a session cookie (auth/sessions.ts validateSession, injected by src/server/boot.ts so http/ imports no domain). */
  lookupSession: SessionLookup;
}

/** Where the program's own files are: migrations and public/ (beside the source, or beside the compiled binary). */
export interface AppPaths {
  migrations: string;
  public: string;
}

/** Finds the live session, its user and their unread notification count for a cookie token, extending it when due; undefined when unknown or expired. */
export type SessionLookup = (
  db: Db,
  token: string,
  now: Date,
  days: number,
  graceDays?: number,
) =>
  | { session: typeof sessions.$inferSelect; user: Omit<typeof users.$inferSelect, "accountOwnerId">; renewed: boolean; unread: number }
  | undefined;
