import { and, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { contentEvents, contentItems } from "../db/schema/content";
import { pipelineRuns, pipelineSteps } from "../db/schema/pipeline";
import type { PipelineStep } from "../model/pipeline-steps";
import type { ItemRow, RunRow } from "./store";

/** The history actions a copy regeneration writes (one per job). */
export const REGENERATE_ACTIONS = ["regenerate_copy", "regenerate_copy_skipped", "regenerate_copy_failed"] as const;

/** An item by id (any owner: the job names it). */
export function findItem(db: Db, itemId: number): ItemRow | undefined {
  return db.select().from(contentItems).where(eq(contentItems.id, itemId)).get();
}

/** The run that made a batch. */
export function runOfBatch(db: Db, batchId: number): RunRow | undefined {
  return db.select().from(pipelineRuns).where(eq(pipelineRuns.batchId, batchId)).get();
}

/** The stored output of a run's finished step, or undefined. */
export function doneStepOutput(db: Db, runId: number, step: PipelineStep): unknown {
  return db
    .select({ output: pipelineSteps.output })
    .from(pipelineSteps)
    .where(and(eq(pipelineSteps.runId, runId), eq(pipelineSteps.step, step), eq(pipelineSteps.status, "done")))
    .get()?.output;
}

/** How many times this item's copy was regenerated (successful rewrites only). */
export function regenerationCount(db: Db, itemId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(contentEvents)
      .where(and(eq(contentEvents.itemId, itemId), eq(contentEvents.action, "regenerate_copy")))
      .get()?.n ?? 0
  );
}

/** True when the job already left its history line for the item (so running it again does nothing). */
export function jobAlreadyRecorded(db: Db, itemId: number, marker: string): boolean {
  return (
    db
      .select({ id: contentEvents.id })
      .from(contentEvents)
      .where(
        and(
          eq(contentEvents.itemId, itemId),
          inArray(contentEvents.action, [...REGENERATE_ACTIONS]),
          like(contentEvents.detail, `%${marker}`),
        ),
      )
      .limit(1)
      .get() !== undefined
  );
}

/** The new copy of an item. */
export interface NewCopy {
  title: string;
  caption: string;
  hashtags: string[];
  script: Record<string, unknown> | null;
  writer: string;
  /** The new copy's flagged claims and sources replace the old ones. */
  unsupportedClaims: { text: string; reason: string }[];
  claimSources: { field: string; text: string; url: string; snippet: string }[];
  /** The new copy's thread posts (X threads) and first comment (Instagram, LinkedIn when the link goes there). */
  threadPosts: string[];
  firstComment: string;
}

/**
 * Replaces an item's copy only while it still waits for approval (one guarded UPDATE); a video's media goes
 * back to waiting for the new script. Returns false when the item changed state meanwhile.
 */
export function replaceCopyIfPending(db: Db, itemId: number, copy: NewCopy, video: boolean, now: Date): boolean {
  const media = video ? { mediaStatus: "waiting" as const, media: {}, mediaError: null } : {};
  const changed = db
    .update(contentItems)
    .set({ ...copy, ...media, updatedAt: now })
    .where(and(eq(contentItems.id, itemId), eq(contentItems.status, "pending_approval")))
    .returning({ id: contentItems.id })
    .all();
  return changed.length > 0;
}
