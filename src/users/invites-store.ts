import { and, asc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeLinks } from "../db/schema/accounts";

/** An invitation not yet accepted and not expired, as the Users page lists it. */
export interface PendingInvite {
  id: number;
  email: string;
  inviterName: string;
  expiresAt: Date;
}

/** Open invitations (purpose "invite", unused, unexpired), oldest first. */
export function listPendingInvites(db: Db, now: Date): PendingInvite[] {
  return db
    .select()
    .from(oneTimeLinks)
    .where(and(eq(oneTimeLinks.purpose, "invite"), isNull(oneTimeLinks.usedAt), gt(oneTimeLinks.expiresAt, now)))
    .orderBy(asc(oneTimeLinks.id))
    .all()
    .map((l) => ({
      id: l.id,
      email: l.subject,
      inviterName: typeof l.data.inviterName === "string" ? l.data.inviterName : "",
      expiresAt: l.expiresAt,
    }));
}

/** Withdraws an unused invitation so its link stops working; false when there was none. */
export function withdrawInvite(db: Db, id: number): boolean {
  return (
    db
      .delete(oneTimeLinks)
      .where(and(eq(oneTimeLinks.id, id), eq(oneTimeLinks.purpose, "invite"), isNull(oneTimeLinks.usedAt)))
      .returning()
      .all().length > 0
  );
}

/** Withdraws every unused invitation for an email (a new one replaces them). */
export function withdrawInvitesFor(db: Db, email: string): void {
  db.delete(oneTimeLinks)
    .where(and(eq(oneTimeLinks.purpose, "invite"), eq(oneTimeLinks.subject, email), isNull(oneTimeLinks.usedAt)))
    .run();
}
