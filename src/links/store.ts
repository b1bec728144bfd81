import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { oneTimeLinks } from "../db/schema/accounts";
import { generateToken, hashToken } from "../security/tokens";

/** A one-time link row. */
export type LinkRow = typeof oneTimeLinks.$inferSelect;

/** Why a link cannot be used, in words a person understands. */
export type LinkProblem = "unknown" | "expired" | "used" | "wrong_purpose";

/** Creates a one-time link; returns the raw token (for the URL) — only its hash is stored. */
export function createLink(
  db: Db,
  link: { purpose: string; userId: number | null; subject?: string; data?: Record<string, unknown>; ttlMs: number },
  now: Date,
): { token: string; row: LinkRow } {
  const token = generateToken();
  const row = db
    .insert(oneTimeLinks)
    .values({
      tokenHash: hashToken(token),
      purpose: link.purpose,
      userId: link.userId,
      subject: link.subject ?? "",
      data: link.data ?? {},
      expiresAt: new Date(now.getTime() + link.ttlMs),
      createdAt: now,
    })
    .returning()
    .get();
  return { token, row };
}

/** Looks a link up without using it (the GET confirm page). */
export function peekLink(db: Db, token: string, purpose: string, now: Date): { link: LinkRow } | { problem: LinkProblem } {
  const link = db
    .select()
    .from(oneTimeLinks)
    .where(eq(oneTimeLinks.tokenHash, hashToken(token)))
    .get();
  if (!link) return { problem: "unknown" };
  if (link.purpose !== purpose) return { problem: "wrong_purpose" };
  if (link.usedAt) return { problem: "used" };
  if (link.expiresAt.getTime() <= now.getTime()) return { problem: "expired" };
  return { link };
}

/**
 * Uses a link exactly once: one guarded UPDATE marks it used only if it is unused and unexpired,
 * so a double submit or a replay cannot act twice.
 */
export function consumeLink(db: Db, token: string, purpose: string, now: Date): { link: LinkRow } | { problem: LinkProblem } {
  const peek = peekLink(db, token, purpose, now);
  if ("problem" in peek) return peek;
  const used = db
    .update(oneTimeLinks)
    .set({ usedAt: now })
    .where(and(eq(oneTimeLinks.id, peek.link.id), isNull(oneTimeLinks.usedAt), sql`${oneTimeLinks.expiresAt} > ${now.getTime()}`))
    .returning()
    .all();
  return used.length === 1 ? { link: used[0]! } : { problem: "used" };
}

/** The sentence shown for a link that cannot be used. */
export function describeLinkProblem(problem: LinkProblem): string {
  switch (problem) {
    case "expired":
      return "This link has expired. Ask for a new one.";
    case "used":
      return "This link has already been used. Nothing was changed.";
    default:
      return "This link is not valid. It may have been copied incompletely. Nothing was changed.";
  }
}
