import { and, count, eq, gte, sum } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { llmCalls } from "../db/schema/llm";
import { connections } from "../db/schema/platforms";
import { webapps } from "../db/schema/webapps";

/** How many web apps the account has. */
export function countWebapps(db: Db, userId: number): number {
  return db.select({ n: count() }).from(webapps).where(eq(webapps.userId, userId)).get()?.n ?? 0;
}

/** How many posts the account's runs wrote since `since`. */
export function countPostsSince(db: Db, userId: number, since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(contentItems)
      .where(and(eq(contentItems.userId, userId), gte(contentItems.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** How many platform accounts the account has connected. */
export function countConnections(db: Db, userId: number): number {
  return db.select({ n: count() }).from(connections).where(eq(connections.userId, userId)).get()?.n ?? 0;
}

/** What the account's model calls cost since `since`, in USD. */
export function llmSpendSince(db: Db, userId: number, since: Date): number {
  const row = db
    .select({ total: sum(llmCalls.costUsd) })
    .from(llmCalls)
    .where(and(eq(llmCalls.userId, userId), gte(llmCalls.createdAt, since)))
    .get();
  return Number(row?.total ?? 0);
}

/** The owner of a content item (a render is counted against them). */
export function itemOwner(db: Db, itemId: number): number | undefined {
  return db.select({ userId: contentItems.userId }).from(contentItems).where(eq(contentItems.id, itemId)).get()?.userId;
}
