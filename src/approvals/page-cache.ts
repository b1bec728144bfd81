// The approval page as last sent to a session, reused while nothing it shows can have changed: at 200 connections the
// page's own work (the queue read, the cards checked against the cache, the layout) is what limits throughput.
import { databaseStamp } from "../analytics/cache";
import type { Db } from "../db/client";

/** What a kept page was made under; all of it must hold for the page to be sent again. */
export interface PageConditions {
  /** The session (so its CSRF token and user are those of the page). */
  sessionId: string;
  /** The viewer as the session read them (name, zone, role, billing banner) and their unread count: the layout shows both. */
  viewer: string;
  /** The viewer's local date: the queue is "today's" batches and older ones still waiting. */
  day: string;
}

interface Entry {
  stamp: string;
  viewer: string;
  day: string;
  /** Until when the page holds without a write (ms): the earliest end of an "undo reject all" offer it shows. */
  until: number;
  html: string;
}

/**
 * Approval pages by session. A page is reused only when the database has not changed at all since it was made (any
 * table, any connection: `databaseStamp`), the viewer and their local date are the same, and no time-bound offer on it
 * has ended; so every write (an approval, a new render, a notification, a setting) shows on the next view, whichever
 * code path or process made it, and a page is never sent to another session. Bounded: the least recently used go first.
 */
export class ApprovalPageCache {
  private readonly entries = new Map<string, Entry>();
  /** Pages made and reused, for tests and benchmarks. */
  readonly stats = { made: 0, reused: 0 };

  constructor(private readonly max = 256) {}

  /** The kept page when it still holds at `now`, else `make()`'s (kept for next time). */
  page(db: Db, c: PageConditions, now: Date, make: () => { html: string; until: number }): string {
    const stamp = databaseStamp(db);
    const hit = this.entries.get(c.sessionId);
    if (hit && hit.stamp === stamp && hit.viewer === c.viewer && hit.day === c.day && now.getTime() < hit.until) {
      this.stats.reused++;
      return hit.html;
    }
    this.stats.made++;
    const { html, until } = make();
    this.entries.delete(c.sessionId);
    this.entries.set(c.sessionId, { stamp, viewer: c.viewer, day: c.day, until, html });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return html;
  }
}
