import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { validateSession } from "../auth/sessions";
import type { Config } from "../config/schema";
import { migrateDatabase, openDatabase } from "../db/client";
import { systemClock, type Clock } from "../lib/clock";
import { createLogger, type Logger } from "../lib/log";
import { removeOrphanTemp } from "../media/temp";
import { createMailer, type Mailer } from "../notify/mail";
import { loadEncryptionKey, SecretBox } from "../security/secretbox";
import type { AppContext } from "../app/context";
import { EventBus } from "../app/events";
import { resolveAppPaths } from "../app/paths";
import { applyInstanceSettings } from "../instance/overlay";

/** Opens the database (migrating it), and builds the context every part of the app shares. */
export function buildContext(config: Config, overrides: { clock?: Clock; log?: Logger; mailer?: Mailer } = {}): AppContext {
  const log = overrides.log ?? createLogger(config.server.log_level);
  mkdirSync(config.storage.data_dir, { recursive: true });
  mkdirSync(config.storage.media_dir, { recursive: true });
  for (const name of removeOrphanTemp(config.storage.media_dir)) log.info(`removed the render temp folder ${name} of a process that died`);
  const paths = resolveAppPaths();
  const db = openDatabase(join(config.storage.data_dir, "amarktai.db"));
  migrateDatabase(db, paths.migrations);
  const secrets = new SecretBox(loadEncryptionKey(config.security.encryption_key, config.storage.data_dir, log.warn));
  const ctx: AppContext = {
    config,
    db,
    clock: overrides.clock ?? systemClock,
    log,
    mailer: overrides.mailer ?? createMailer(config),
    paths,
    secrets,
    events: new EventBus(log.error),
    lookupSession: validateSession,
  };
  // App credentials and the public address entered in the browser overlay the file's config from the first request on.
  applyInstanceSettings(ctx);
  return ctx;
}
