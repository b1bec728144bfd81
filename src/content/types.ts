import type { batches, contentEvents, contentItems } from "../db/schema/content";
import type { ContentState } from "../model/content-states";

/** A content item row. */
export type ContentItem = typeof contentItems.$inferSelect;
/** A batch row. */
export type Batch = typeof batches.$inferSelect;
/** A batch with its web app's name and its items, as the approval page shows it. */
export interface BatchWithItems {
  batch: Batch;
  webappName: string;
  items: ContentItem[];
}

/** Filters of the content library. */
export interface ContentFilter {
  webappId?: number;
  platform?: string;
  status?: ContentState;
  from?: string; // batch local date YYYY-MM-DD, inclusive
  to?: string;
}

/** One history line with the name of who did it (null for the system). */
export type HistoryLine = typeof contentEvents.$inferSelect & { who: string | null };

/** The editable copy and plan of an item. */
export type CopyFields = Pick<ContentItem, "caption" | "hashtags" | "title" | "plannedAt"> &
  Partial<Pick<ContentItem, "unsupportedClaims" | "claimSources" | "reason" | "script" | "threadPosts" | "firstComment">>;
