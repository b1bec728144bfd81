import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeLinks } from "../db/schema/accounts";

/** How many links of a purpose were made for an email address (the link's subject) after `since`. */
export function countLinksForSubject(db: Db, purpose: string, subject: string, since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(oneTimeLinks)
      .where(and(eq(oneTimeLinks.purpose, purpose), eq(oneTimeLinks.subject, subject), gt(oneTimeLinks.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** How many links of a purpose were asked for from one client address (kept in the link's data) after `since`. */
export function countLinksFromAddress(db: Db, purpose: string, address: string, since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(oneTimeLinks)
      .where(
        and(
          eq(oneTimeLinks.purpose, purpose),
          gt(oneTimeLinks.createdAt, since),
          sql`json_extract(${oneTimeLinks.data}, '$.address') = ${address}`,
        ),
      )
      .get()?.n ?? 0
  );
}
