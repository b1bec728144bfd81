import type { Config } from "../config/schema";
import type { Db } from "../db/client";
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
}

/** Where the program's own files are: migrations and public/ (beside the source, or beside the compiled binary). */
export interface AppPaths {
  migrations: string;
  public: string;
}
