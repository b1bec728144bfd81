import type { AppContext } from "../app/context";
import { classifyComment } from "../comments/classify";
import { fingerprintComment } from "../comments/text";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { type Connection, type PlatformAdapter, PlatformError, type PostComment } from "../platforms/types";
import { connectionFor, getConnectionRow, openConnection } from "../publishing/connections";
import { toPlatformError } from "../publishing/engine";
import { refreshConnection } from "../publishing/refresh";
import { nextCommentRead } from "./cadence";
import {
  autoHideSpamOf,
  type CommentRow,
  type CommentState,
  enrollPublishedPosts,
  type NewComment,
  otherPostsTexts,
  type PostToRead,
  postsToRead,
  recordCursor,
  recordRead,
  saveCommentRead,
  storedCommentsOf,
} from "./store";

/** The adapters comments are read through (those publishing uses). */
export interface SyncDeps {
  adapters: Partial<Record<PlatformId, PlatformAdapter>>;
  /** Pages of one post's comments read per sync where the platform pages per sync (default COMMENT_PAGES_PER_SYNC). */
  pagesPerPost?: number;
}

/** Pages of one post's comments one sync reads (X, LinkedIn); a longer thread goes on from the kept cursor next time. */
export const COMMENT_PAGES_PER_SYNC = 10;

/** What one sync did, for the schedule's line and the CLI. */
export interface SyncReport {
  posts: number;
  added: number;
  edited: number;
  deleted: number;
  hidden: number;
  problems: string[];
  /** Posts whose platform asked us to wait (read again after the time it gave). */
  waiting: number;
  /** Posts whose thread was longer than the page budget: the next sync goes on from the kept cursor. */
  continuing: number;
}

const label = (p: string) => PLATFORM_RULES[p as PlatformId]?.label ?? p;

/**
 * Reads the comments of every published post that is due (or only `itemId`, now), stores new ones classified,
 * reflects edits and deletions, and hides spam where the web app opted in. Problems never throw: each is
 * recorded on the post's schedule row and listed in the report.
 */
export async function syncComments(ctx: AppContext, deps: SyncDeps, opts: { itemId?: number } = {}): Promise<SyncReport> {
  const report: SyncReport = { posts: 0, added: 0, edited: 0, deleted: 0, hidden: 0, problems: [], waiting: 0, continuing: 0 };
  const now = ctx.clock.now();
  enrollPublishedPosts(ctx.db, now);
  for (const post of postsToRead(ctx.db, now, opts.itemId)) {
    report.posts++;
    const problem = await syncPost(ctx, deps, post, report);
    if (problem) report.problems.push(`item #${post.itemId}: ${problem}`);
  }
  return report;
}

async function syncPost(ctx: AppContext, deps: SyncDeps, post: PostToRead, report: SyncReport): Promise<string | undefined> {
  const now = ctx.clock.now();
  const next = nextCommentRead(post.publishedAt, now);
  const fail = (problem: string, nextDueAt = next) => {
    recordRead(ctx.db, post.itemId, { at: now, nextDueAt, problem, ok: false });
    return problem;
  };
  const adapter = deps.adapters[post.platform as PlatformId];
  if (!adapter?.fetchComments) return fail(`${label(post.platform)}'s API gives no comments for the access this app holds`, null);
  let conn: Connection;
  try {
    conn = await connectionOf(ctx, adapter, post);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  let list: PostComment[];
  let read: { cursor?: string; complete: boolean };
  try {
    if (adapter.fetchCommentPages) {
      const pages = await adapter.fetchCommentPages(conn, post.remoteId, {
        cursor: post.cursor ?? undefined,
        maxPages: deps.pagesPerPost ?? COMMENT_PAGES_PER_SYNC,
      });
      list = pages.comments;
      // Only a walk from the first page to the last sees every comment, so only it may mark the missing ones deleted.
      read = { cursor: pages.cursor, complete: !post.cursor && !pages.cursor };
    } else {
      list = await adapter.fetchComments(conn, post.remoteId);
      read = { complete: true };
    }
  } catch (e) {
    const pe = toPlatformError(e);
    if (pe.kind === "rate_limited" || pe.kind === "daily_cap") {
      report.waiting++;
      const until = pe.retryAt ?? new Date(now.getTime() + 15 * 60_000);
      return fail(`${label(post.platform)} asked us to wait (${pe.message}); comments are read again after ${until.toISOString()}`, until);
    }
    if (pe.kind === "not_found") return fail(`the post is no longer on ${label(post.platform)}, so its comments are not read`, null);
    // A cursor the platform no longer takes (expired): the next read starts over from the first page.
    if (pe.kind === "rejected" && post.cursor) recordCursor(ctx.db, post.itemId, null);
    return fail(`${label(post.platform)}: ${pe.message}${pe.needs ? ` (needs ${pe.needs})` : ""}`);
  }
  const hides = store(ctx, post, conn, list, report, read.complete);
  recordRead(ctx.db, post.itemId, { at: now, nextDueAt: read.cursor ? now : next, problem: null, ok: true });
  recordCursor(ctx.db, post.itemId, read.cursor ?? null);
  if (read.cursor) report.continuing++;
  for (const h of hides) {
    try {
      await adapter.hideComment?.(conn, { postId: post.remoteId, commentId: h.remoteId });
      report.hidden++;
    } catch (e) {
      report.problems.push(`item #${post.itemId}: could not hide spam comment ${h.remoteId}: ${toPlatformError(e).message}`);
    }
  }
  return undefined;
}

/** The account the post was published with (else the user's posting account), renewed when its token is about to expire. */
async function connectionOf(ctx: AppContext, adapter: PlatformAdapter, post: PostToRead): Promise<Connection> {
  let row =
    (post.journalConnectionId !== null ? getConnectionRow(ctx, post.journalConnectionId) : undefined) ??
    connectionFor(ctx, post.userId, post.platform);
  if (!row)
    throw new PlatformError("forbidden", `${label(post.platform)} is not connected; connect it on the Platforms page to read comments`);
  if (row.status === "reconnect_needed")
    throw new PlatformError(
      "auth_revoked",
      `${label(post.platform)} account ${row.accountName} needs to be reconnected on the Platforms page`,
    );
  if (row.expiresAt && row.expiresAt.getTime() - ctx.clock.now().getTime() < 2 * 60_000)
    row = await refreshConnection(ctx, adapter, row.id, 2 * 60_000);
  return openConnection(ctx, row);
}

/** Stores a read; returns the new spam comments to hide on the platform (when the web app opted in). */
function store(
  ctx: AppContext,
  post: PostToRead,
  conn: Connection,
  list: PostComment[],
  report: SyncReport,
  complete: boolean,
): CommentRow[] {
  const now = ctx.clock.now();
  const stored = storedCommentsOf(ctx.db, post.itemId);
  const seen = new Set(otherPostsTexts(ctx.db, post.userId, post.itemId).map(fingerprintComment));
  const ownDomains = [hostOf(post.webappUrl)].filter((d) => d !== "");
  const autoHide = autoHideSpamOf(ctx.db, post.webappId);
  const answered = new Set(list.filter((c) => c.authorId === conn.accountId && c.parentId).map((c) => c.parentId!));
  const inserts: NewComment[] = [];
  const updates: { id: number; set: Partial<NewComment> }[] = [];
  const toHide: CommentRow[] = [];
  for (const c of list) {
    const ours = c.authorId !== undefined && c.authorId === conn.accountId;
    const old = stored.get(c.id);
    const common = { likeCount: c.likeCount ?? null, authorAvatarUrl: c.avatarUrl ?? null, lastSeenAt: now, deleted: false };
    if (old) {
      const changed = old.text !== c.text;
      const set: Partial<NewComment> = { ...common };
      if (changed) {
        const k = classifyComment({ text: c.text, platform: post.platform, seenTexts: seen, ownDomains });
        Object.assign(set, { text: c.text, edited: true, labels: k.labels, language: k.language });
        report.edited++;
      }
      if (answered.has(c.id) && (old.state === "new" || old.state === "needs_reply")) set.state = "done";
      updates.push({ id: old.id, set });
      continue;
    }
    const k = classifyComment({ text: c.text, platform: post.platform, seenTexts: seen, ownDomains });
    const state: CommentState =
      ours || answered.has(c.id) ? "done" : k.spam ? (autoHide ? "hidden" : "spam") : needsReply(k.labels) ? "needs_reply" : "new";
    const row: NewComment = {
      userId: post.userId,
      webappId: post.webappId,
      itemId: post.itemId,
      platform: post.platform,
      remoteId: c.id,
      parentRemoteId: c.parentId ?? null,
      authorName: c.author,
      authorId: c.authorId ?? null,
      text: c.text,
      postedAt: c.createdAt,
      edited: c.edited ?? false,
      ours,
      labels: k.labels,
      language: k.language,
      state,
      firstSeenAt: now,
      ...common,
    };
    inserts.push(row);
    if (state === "hidden") toHide.push(row as CommentRow);
  }
  const kept = new Set(list.map((c) => c.id));
  const goneIds = complete
    ? [...stored.values()].filter((c) => !c.deleted && c.state !== "hidden" && !kept.has(c.remoteId)).map((c) => c.id)
    : [];
  report.deleted += goneIds.length;
  report.added += inserts.length;
  saveCommentRead(ctx.db, post.itemId, { inserts, updates, goneIds, now });
  return toHide;
}

/** Questions and complaints wait for an answer; praise and the rest are read and left. */
function needsReply(labels: string[]): boolean {
  return labels.includes("question") || labels.includes("complaint");
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return "";
  }
}
