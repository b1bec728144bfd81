import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { instanceSettings } from "../db/schema/instance";

/** One stored setting of this box (a sealed value stays sealed here). */
export type InstanceSettingRow = typeof instanceSettings.$inferSelect;

/** Every stored setting. */
export function listInstanceSettings(db: Db): InstanceSettingRow[] {
  return db.select().from(instanceSettings).all();
}

/** Writes one setting (insert or replace). */
export function putInstanceSetting(db: Db, row: InstanceSettingRow): void {
  try {
    db.insert(instanceSettings)
      .values(row)
      .onConflictDoUpdate({
        target: instanceSettings.key,
        set: { value: row.value, sealed: row.sealed, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
      })
      .run();
  } catch (e) {
    throw new Error(`instance.store: cannot save ${row.key}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Removes one setting; true when it existed. */
export function deleteInstanceSetting(db: Db, key: string): boolean {
  return db.delete(instanceSettings).where(eq(instanceSettings.key, key)).returning().all().length > 0;
}
