import type { PostComment } from "../types";

/** The most pages of comments read per post in one sync (50 a page: 10,000 comments); the rest wait for the next read. */
export const MAX_COMMENT_PAGES = 200;

/** A Graph API list page: data plus the documented cursor paging (`paging.cursors.after`, `paging.next` when there is more). */
export interface GraphPage<T> {
  data?: T[];
  paging?: { cursors?: { after?: string }; next?: string };
}

/**
 * Reads every page of a Graph API edge through its `after` cursor until the edge says there is no next page,
 * `stop` says the rest is older than wanted, or MAX_COMMENT_PAGES is reached.
 */
export async function readAllPages<T>(
  readPage: (after?: string) => Promise<GraphPage<T>>,
  stop: (page: T[]) => boolean = () => false,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_COMMENT_PAGES; i++) {
    const page = await readPage(after);
    const data = page.data ?? [];
    out.push(...data);
    after = page.paging?.cursors?.after;
    if (!page.paging?.next || !after || data.length === 0 || stop(data)) break;
  }
  return out;
}

/** Newest first, and only those after `since` when given. */
export function newestSince(list: PostComment[], since?: Date): PostComment[] {
  return list.filter((c) => !since || c.createdAt > since).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** A Graph API time ("2026-01-02T03:04:05+0000") as a Date. */
export const graphDate = (t: string): Date => new Date(t.replace(/\+0000$/, "Z"));
