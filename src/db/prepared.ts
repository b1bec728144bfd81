import type { Db } from "./client";

/**
 * Makes something (a prepared statement, usually) once per database on first use and returns the same one
 * afterwards: hot paths then skip drizzle's query building and SQLite's statement compilation.
 */
export function oncePerDb<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
