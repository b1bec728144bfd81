import type { Db } from "../db/client";
import { generateToken } from "../security/tokens";
import { saltOfDay } from "./store";

/** The UTC date of a moment, YYYY-MM-DD: the day a click counts on and its salt's day. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Hashes visitors with the day's secret salt (kept in the database so a restart keeps the day's hashes, rotated each
 * UTC day): the same visitor maps to the same hash within a day, and no raw address is kept anywhere.
 */
export class VisitorHasher {
  private day = "";
  private salt = "";

  constructor(private readonly db: Db) {}

  /** The visitor's hash for the day of `now`. */
  hash(address: string, userAgent: string, now: Date): string {
    const day = utcDay(now);
    if (day !== this.day) {
      this.salt = saltOfDay(this.db, day, generateToken());
      this.day = day;
    }
    return Bun.SHA256.hash(`${this.salt}\n${address}\n${userAgent}`, "hex");
  }
}
