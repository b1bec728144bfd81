import type { AppContext } from "../app/context";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { toPlatformError } from "../publishing/engine";
import { findPublishItem } from "../publishing/store";
import { openFor, type ReplyDeps, replyTarget } from "./reply";
import { commentOfUser, setCommentState } from "./store";

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/**
 * Likes or hides the user's comment on its platform now (one call, nothing to journal: doing either twice
 * changes nothing). A hidden comment leaves the open inbox. Returns a sentence when it could not be done.
 */
export async function moderateComment(
  ctx: AppContext,
  deps: ReplyDeps,
  userId: number,
  commentId: number,
  action: "like" | "hide",
): Promise<{ ok: true } | { problem: string; notFound?: boolean }> {
  const c = commentOfUser(ctx.db, userId, commentId);
  if (!c) return { problem: "There is no such comment.", notFound: true };
  const adapter = deps.adapters[c.platform as PlatformId];
  const call = action === "like" ? adapter?.likeComment : adapter?.hideComment;
  if (!adapter || !call) return { problem: `${label(c.platform)} does not let apps ${action} comments.` };
  if (c.deleted) return { problem: `The comment was deleted on ${label(c.platform)}.` };
  const item = findPublishItem(ctx.db, c.itemId);
  if (!item?.remoteId) return { problem: "The post has no id on its platform." };
  try {
    const conn = await openFor(ctx, adapter, undefined, c);
    await call.call(adapter, conn, { ...replyTarget(item.remoteId, c), commentId: c.remoteId });
  } catch (e) {
    return { problem: `${label(c.platform)} did not ${action} the comment: ${toPlatformError(e).message}` };
  }
  if (action === "hide") setCommentState(ctx.db, userId, commentId, "hidden");
  return { ok: true };
}
