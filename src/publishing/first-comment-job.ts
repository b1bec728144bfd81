import { declareJob, itemIdPayload } from "../jobs/declare";

/**
 * Publishes a published item's first comment: enqueued in the commit that records the post (markPublished), so a
 * crash between the post and its comment resumes with the comment only. Its phases live in the item's journal row.
 */
export const firstCommentJob = declareJob<{ itemId: number }>({
  kind: "publish.first_comment",
  key: (p) => `first-comment:${p.itemId}`,
  attempts: 8,
  parse: itemIdPayload,
});
