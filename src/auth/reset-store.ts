import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeLinks } from "../db/schema/accounts";

/** How many links of a purpose were made for a user after `since` (to cap reset mails per account). */
export function countLinksSince(db: Db, purpose: string, userId: number, since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(oneTimeLinks)
      .where(and(eq(oneTimeLinks.purpose, purpose), eq(oneTimeLinks.userId, userId), gt(oneTimeLinks.createdAt, since)))
      .get()?.n ?? 0
  );
}
