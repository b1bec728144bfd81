import type { AppContext } from "../app/context";
import { inTransaction } from "../db/client";
import {
  batchItemIds,
  clearUnsupportedClaims,
  findBatchForUser,
  idsWithUnreviewedClaims,
  findItemForUser,
  ownedItemIds,
  queuedItemJobs,
  rejectedByRejectAll,
  REJECT_ALL_ACTION,
  updateItemCopy,
  type ContentItem,
  type CopyFields,
} from "../content/store";
import { recordEvent, transition, type Actor } from "../content/state";
import { EDITABLE_STATES, type ContentState } from "../model/content-states";
import type { Db } from "../db/client";
import type { PlatformId } from "../platforms/ids";
import { mediaRenderJob, requestMediaRender } from "../media/job";
import { regenerateCopyJob } from "../pipeline/regenerate";
import { validateEdit, type EditInput } from "./edit";
import { readSlides } from "../platforms/carousel";
import { reasonForMove } from "../learning/moved";

/** What an action did: changed the item, found it already done (idempotent), or refused with a reason. */
export type ActionResult =
  | { ok: true; changed: boolean; item: ContentItem }
  | { ok: false; code: "not_found" | "invalid_state" | "invalid"; message: string; item?: ContentItem };

/** States from which an item counts as approved already (a repeated approve is a no-op, not an error). */
const APPROVED_OR_LATER: readonly ContentState[] = ["approved", "scheduled", "publishing", "published"];

const notFound = (itemId: number): ActionResult => ({
  ok: false,
  code: "not_found",
  message: `Item ${itemId} was not found. It may have been deleted, or it belongs to another account.`,
});

function reload(ctx: AppContext, userId: number, itemId: number): ContentItem {
  return findItemForUser(ctx.db, userId, itemId)!;
}

/** Approves one item waiting for approval; approving an approved item again changes nothing. */
export function approveItem(ctx: AppContext, userId: number, itemId: number, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return notFound(itemId);
  const changed = transition(ctx.db, itemId, "approved", actor, {
    from: ["pending_approval"],
    now: ctx.clock.now(),
    set: { rejectReason: null },
  });
  const after = reload(ctx, userId, itemId);
  if (changed || APPROVED_OR_LATER.includes(after.status)) return { ok: true, changed, item: after };
  return {
    ok: false,
    code: "invalid_state",
    item: after,
    message: `Item ${itemId} is ${after.status.replace("_", " ")} and can no longer be approved. Regenerate it or pick another item.`,
  };
}

/** Rejects one item (waiting or approved but not yet scheduled), keeping the optional reason for the optimizer. */
export function rejectItem(ctx: AppContext, userId: number, itemId: number, reason: string, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return notFound(itemId);
  const why = reason.trim().slice(0, 500);
  const changed = transition(ctx.db, itemId, "rejected", actor, {
    from: ["pending_approval", "approved"],
    now: ctx.clock.now(),
    detail: why,
    set: { rejectReason: why || null },
  });
  const after = reload(ctx, userId, itemId);
  if (changed || after.status === "rejected") return { ok: true, changed, item: after };
  return {
    ok: false,
    code: "invalid_state",
    item: after,
    message: `Item ${itemId} is ${after.status.replace("_", " ")} and can no longer be rejected.`,
  };
}

/** Applies an inline edit after checking it against the platform's limits; refused edits change nothing. */
export function editItem(ctx: AppContext, userId: number, itemId: number, input: EditInput, timezone: string, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return notFound(itemId);
  if (!EDITABLE_STATES.includes(item.status))
    return {
      ok: false,
      code: "invalid_state",
      item,
      message: `Item ${itemId} is ${item.status.replace("_", " ")}; only items waiting for approval or approved can be edited.`,
    };
  const now = ctx.clock.now();
  const checked = validateEdit(item.platform as PlatformId, item, input, timezone, now);
  if ("problems" in checked) return { ok: false, code: "invalid", item, message: checked.problems.join(" ") };
  // A moved post's planned reason no longer holds: it is replaced by what the app's data says of the new time.
  const moved =
    checked.changed.includes("planned time") && checked.fields.plannedAt
      ? {
          reason: reasonForMove(
            ctx.db,
            { webappId: item.webappId, platform: item.platform as PlatformId },
            checked.fields.plannedAt,
            timezone,
          ),
        }
      : {};
  if (!updateItemCopy(ctx.db, userId, itemId, { ...checked.fields, ...settledClaims(item, checked), ...moved }, EDITABLE_STATES, now)) {
    return {
      ok: false,
      code: "invalid_state",
      item: reload(ctx, userId, itemId),
      message: `Item ${itemId} changed state while you edited it; your edit was not saved. Copy your text and reload.`,
    };
  }
  recordEvent(ctx.db, itemId, actor, "edited", checked.changed.join(", "), now);
  // Slides are drawn from their text: new text, new images.
  if (checked.changed.includes("slides")) requestMediaRender(ctx, itemId);
  return { ok: true, changed: checked.changed.length > 0, item: reload(ctx, userId, itemId) };
}

/** A person who edits the copy has read it: its flagged claims are settled, and sources of removed sentences go. */
function settledClaims(item: ContentItem, checked: { fields: CopyFields; changed: string[] }): Partial<CopyFields> {
  const copyFields = ["caption", "hashtags", "title", "slides", "thread posts", "first comment"];
  if (!checked.changed.some((c) => copyFields.includes(c))) return {};
  const slides = readSlides(checked.fields.script ?? item.script).map((s) => s.text);
  const copy = [
    checked.fields.caption,
    checked.fields.title,
    checked.fields.hashtags.map((h) => `#${h}`).join(" "),
    checked.fields.firstComment ?? item.firstComment,
    ...slides,
  ].join("\n");
  const inScript = (field: string) => field === "on-screen text" || field === "voiceover";
  return { unsupportedClaims: [], claimSources: item.claimSources.filter((s) => inScript(s.field) || copy.includes(s.text)) };
}

/** Confirms an item's flagged claims with one click: the person vouches for them and the item may join bulk approval. */
export function confirmClaims(ctx: AppContext, userId: number, itemId: number, actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return notFound(itemId);
  if (item.unsupportedClaims.length === 0) return { ok: true, changed: false, item };
  const now = ctx.clock.now();
  if (!clearUnsupportedClaims(ctx.db, userId, itemId, EDITABLE_STATES, now))
    return {
      ok: false,
      code: "invalid_state",
      item,
      message: `Item ${itemId} is ${item.status.replace("_", " ")}; only items waiting for approval or approved can be confirmed.`,
    };
  recordEvent(ctx.db, itemId, actor, "claims_confirmed", item.unsupportedClaims.map((c) => `"${c.text}"`).join(" "), now);
  return { ok: true, changed: true, item: reload(ctx, userId, itemId) };
}

/** Which of these items have a regeneration (copy or media) queued or running: itemId -> job kinds. */
export function pendingRegenerations(db: Db, itemIds: number[]): Map<number, string[]> {
  return queuedItemJobs(db, itemIds, [regenerateCopyJob.kind, mediaRenderJob.kind]);
}

/** Queues a regeneration of the item's copy or media (once: a second click while one is queued does nothing). */
export function regenerate(ctx: AppContext, userId: number, itemId: number, what: "copy" | "media", actor: Actor): ActionResult {
  const item = findItemForUser(ctx.db, userId, itemId);
  if (!item) return notFound(itemId);
  if (item.status !== "pending_approval")
    return {
      ok: false,
      code: "invalid_state",
      item,
      message: `Item ${itemId} is ${item.status.replace("_", " ")}; only items waiting for approval can be regenerated.`,
    };
  const kind = what === "copy" ? regenerateCopyJob.kind : mediaRenderJob.kind;
  if ((pendingRegenerations(ctx.db, [itemId]).get(itemId) ?? []).includes(kind)) return { ok: true, changed: false, item };
  const now = ctx.clock.now();
  // Media takes the one render path (marks the media waiting, the render's own attempt budget).
  if (what === "media") requestMediaRender(ctx, itemId);
  else regenerateCopyJob.enqueue(ctx.db, { itemId }, { now, variant: `regen:${now.getTime()}` });
  recordEvent(ctx.db, itemId, actor, what === "copy" ? "regenerate_copy_queued" : "regenerate_media_queued", "", now);
  return { ok: true, changed: true, item };
}

/** What a bulk action did; `held` items carry claims the site does not back and wait for a person. */
export interface BulkResult {
  changed: number;
  unchanged: number;
  held?: number;
}

/** The sentence a bulk result adds about held items ("" when none were held). */
export function heldNote(r: BulkResult): string {
  const n = r.held ?? 0;
  if (n === 0) return "";
  return ` ${n} post${n === 1 ? " has" : "s have"} claims the site does not back and ${n === 1 ? "waits" : "wait"} for you on the approval page: edit or confirm ${n === 1 ? "it" : "them"} there.`;
}

/**
 * Approves the given items of the user (others are ignored) in one transaction; items not waiting are left alone,
 * and items with unsupported claims are held until a person edits or confirms them.
 */
export function approveItems(ctx: AppContext, userId: number, itemIds: number[], actor: Actor): BulkResult {
  const owned = ownedItemIds(ctx.db, userId, itemIds);
  const now = ctx.clock.now();
  let changed = 0;
  let held = 0;
  inTransaction(ctx.db, () => {
    const flagged = idsWithUnreviewedClaims(ctx.db, owned);
    for (const id of owned) {
      if (flagged.has(id)) held++;
      else if (transition(ctx.db, id, "approved", actor, { from: ["pending_approval"], now, set: { rejectReason: null } })) changed++;
    }
  });
  const unchanged = owned.length - changed - held;
  return held > 0 ? { changed, unchanged, held } : { changed, unchanged };
}

/** Rejects the given items of the user that are waiting for approval, in one transaction. */
export function rejectItems(
  ctx: AppContext,
  userId: number,
  itemIds: number[],
  reason: string,
  actor: Actor,
  action = "rejected",
): BulkResult {
  const ids = ownedItemIds(ctx.db, userId, itemIds);
  const now = ctx.clock.now();
  const why = reason.trim().slice(0, 500);
  let changed = 0;
  inTransaction(ctx.db, () => {
    for (const id of ids)
      if (
        transition(ctx.db, id, "rejected", actor, {
          from: ["pending_approval"],
          now,
          action,
          detail: why,
          set: { rejectReason: why || null },
        })
      )
        changed++;
  });
  return { changed, unchanged: ids.length - changed };
}

/** Approves or rejects every item of a batch that waits for approval; undefined when the batch is not the user's. */
export function actOnBatch(
  ctx: AppContext,
  userId: number,
  batchId: number,
  action: "approve" | "reject",
  actor: Actor,
  reason = "",
): BulkResult | undefined {
  if (!findBatchForUser(ctx.db, userId, batchId)) return undefined;
  const ids = batchItemIds(ctx.db, userId, batchId, ["pending_approval"]);
  return action === "approve" ? approveItems(ctx, userId, ids, actor) : rejectItems(ctx, userId, ids, reason, actor, REJECT_ALL_ACTION);
}

/** How long a "Reject all" can be undone. */
export const REJECT_ALL_UNDO_MS = 10 * 60_000;

/** Per batch, until when its last "Reject all" can still be undone (batches with nothing to undo are absent). */
export function undoableRejectAll(ctx: AppContext, userId: number, batchIds: number[]): Map<number, Date> {
  const since = new Date(ctx.clock.now().getTime() - REJECT_ALL_UNDO_MS);
  const until = new Map<number, Date>();
  for (const r of rejectedByRejectAll(ctx.db, userId, batchIds, since)) {
    const end = new Date(r.at.getTime() + REJECT_ALL_UNDO_MS);
    const known = until.get(r.batchId);
    if (!known || end < known) until.set(r.batchId, end);
  }
  return until;
}

/**
 * Puts the items a "Reject all" rejected in the last 10 minutes back to waiting for approval, written to their history;
 * undefined when the batch is not the user's.
 */
export function undoRejectAll(ctx: AppContext, userId: number, batchId: number, actor: Actor): BulkResult | undefined {
  if (!findBatchForUser(ctx.db, userId, batchId)) return undefined;
  const now = ctx.clock.now();
  const rows = rejectedByRejectAll(ctx.db, userId, [batchId], new Date(now.getTime() - REJECT_ALL_UNDO_MS));
  let changed = 0;
  inTransaction(ctx.db, () => {
    for (const r of rows)
      if (
        transition(ctx.db, r.itemId, "pending_approval", actor, {
          from: ["rejected"],
          now,
          action: "reject_all_undone",
          set: { rejectReason: null },
        })
      )
        changed++;
  });
  return { changed, unchanged: rows.length - changed };
}
