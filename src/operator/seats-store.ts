import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeLinks, users } from "../db/schema/accounts";

/** The user whose account (plan, quotas) this user belongs to: their inviting owner, else themselves. */
export function accountOwnerOf(db: Db, userId: number): number {
  return db.select({ owner: users.accountOwnerId }).from(users).where(eq(users.id, userId)).get()?.owner ?? userId;
}

/** The account's people: the owner first, then the members they invited (oldest first). */
export function accountMemberIds(db: Db, ownerId: number): number[] {
  const members = db.select({ id: users.id }).from(users).where(eq(users.accountOwnerId, ownerId)).orderBy(users.id).all();
  return [ownerId, ...members.map((m) => m.id)];
}

/** The members an owner invited into their account, oldest first. */
export function listMembers(db: Db, ownerId: number): (typeof users.$inferSelect)[] {
  return db.select().from(users).where(eq(users.accountOwnerId, ownerId)).orderBy(users.id).all();
}

/** Invitations into the owner's account not yet accepted and not expired (each holds a seat), except `exceptLinkId`. */
export function countPendingSeats(db: Db, ownerId: number, now: Date, exceptLinkId = 0): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(oneTimeLinks)
      .where(
        and(
          eq(oneTimeLinks.purpose, "invite"),
          isNull(oneTimeLinks.usedAt),
          gt(oneTimeLinks.expiresAt, now),
          ne(oneTimeLinks.id, exceptLinkId),
          sql`json_extract(${oneTimeLinks.data}, '$.accountOwnerId') = ${ownerId}`,
        ),
      )
      .get()?.n ?? 0
  );
}

/** Open invitations into the owner's account, oldest first (the team page lists them with a withdraw button). */
export function listPendingSeats(db: Db, ownerId: number, now: Date): { id: number; email: string; expiresAt: Date }[] {
  return db
    .select({ id: oneTimeLinks.id, email: oneTimeLinks.subject, expiresAt: oneTimeLinks.expiresAt })
    .from(oneTimeLinks)
    .where(
      and(
        eq(oneTimeLinks.purpose, "invite"),
        isNull(oneTimeLinks.usedAt),
        gt(oneTimeLinks.expiresAt, now),
        sql`json_extract(${oneTimeLinks.data}, '$.accountOwnerId') = ${ownerId}`,
      ),
    )
    .orderBy(oneTimeLinks.id)
    .all();
}

/** Withdraws one open invitation into the owner's account; false when there was none. */
export function withdrawSeatInvite(db: Db, ownerId: number, linkId: number): boolean {
  return (
    db
      .delete(oneTimeLinks)
      .where(
        and(
          eq(oneTimeLinks.id, linkId),
          eq(oneTimeLinks.purpose, "invite"),
          isNull(oneTimeLinks.usedAt),
          sql`json_extract(${oneTimeLinks.data}, '$.accountOwnerId') = ${ownerId}`,
        ),
      )
      .returning()
      .all().length > 0
  );
}

/** Puts a new member into the owner's account (at invitation acceptance). */
export function joinAccount(db: Db, userId: number, ownerId: number): void {
  db.update(users).set({ accountOwnerId: ownerId }).where(eq(users.id, userId)).run();
}

/** Deletes a member of the owner's account (their sign-in and what they made), freeing the seat; false when not a member. */
export function removeMember(db: Db, ownerId: number, memberId: number): boolean {
  return (
    db
      .delete(users)
      .where(and(eq(users.id, memberId), eq(users.accountOwnerId, ownerId)))
      .returning({ id: users.id })
      .all().length > 0
  );
}
