import { and, count, eq, gte, inArray, sum } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentItems } from "../db/schema/content";
import { llmCalls } from "../db/schema/llm";
import { mediaFiles } from "../db/schema/operator";
import { connections } from "../db/schema/platforms";
import { webapps } from "../db/schema/webapps";

// Every count below is over the account's people (its owner and the members they invited): a plan bounds the account.

/** How many web apps the account's people have. */
export function countWebapps(db: Db, userIds: number[]): number {
  return db.select({ n: count() }).from(webapps).where(inArray(webapps.userId, userIds)).get()?.n ?? 0;
}

/** How many posts the account's runs wrote since `since`. */
export function countPostsSince(db: Db, userIds: number[], since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(contentItems)
      .where(and(inArray(contentItems.userId, userIds), gte(contentItems.createdAt, since)))
      .get()?.n ?? 0
  );
}

/** How many platform accounts the account's people have connected. */
export function countConnections(db: Db, userIds: number[]): number {
  return db.select({ n: count() }).from(connections).where(inArray(connections.userId, userIds)).get()?.n ?? 0;
}

/** What the account's model calls cost since `since`, in USD. */
export function llmSpendSince(db: Db, userIds: number[], since: Date): number {
  const row = db
    .select({ total: sum(llmCalls.costUsd) })
    .from(llmCalls)
    .where(and(inArray(llmCalls.userId, userIds), gte(llmCalls.createdAt, since)))
    .get();
  return Number(row?.total ?? 0);
}

/** Bytes of media (renders, uploads, logos) the account's people keep, from the media ledger. */
export function storageBytes(db: Db, userIds: number[]): number {
  const row = db
    .select({ total: sum(mediaFiles.bytes) })
    .from(mediaFiles)
    .where(inArray(mediaFiles.userId, userIds))
    .get();
  return Number(row?.total ?? 0);
}

/** The owner of a content item (a render is counted against their account). */
export function itemOwner(db: Db, itemId: number): number | undefined {
  return db.select({ userId: contentItems.userId }).from(contentItems).where(eq(contentItems.id, itemId)).get()?.userId;
}
