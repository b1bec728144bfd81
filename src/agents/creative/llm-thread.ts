import { THREAD_POSTS } from "../../platforms/thread";
import { linkInFirstComment } from "./first-comment";
import type { PostParts, WriteRequest } from "./types";

const URL_RE = /https?:\/\/\S+/g;

/** The prompt lines that ask a model for a thread written as a thread, or for the first comment where the link goes there. */
export function threadAndCommentPrompt(req: WriteRequest): string[] {
  const lines: string[] = [];
  if (req.format === "thread")
    lines.push(
      `Format: an X thread. Give "thread": ${THREAD_POSTS[0]}-${THREAD_POSTS[1]} posts in order, each under 250 characters and readable on its own: a hook post, then one concrete fact from the facts per middle post, and a last post with the call to action (we add the link to it).${req.numberThreads ? ' Number them "1/3", "2/3", ...' : " Do not number them."}`,
    );
  if (linkInFirstComment(req.platform, req.linkedinLinkInComment))
    lines.push(
      'The link goes in the post\'s first comment, not the caption: give "firstComment", a short call to action without the URL (we add it).',
    );
  return lines;
}

/** A model's thread and first comment on its parts: links stripped (ours goes in), the link added to the thread's last post. */
export function withThreadAndComment(parts: PostParts, answer: { thread?: string[]; firstComment?: string }, req: WriteRequest): PostParts {
  const out: PostParts = { ...parts };
  const posts = (answer.thread ?? []).map((p) => p.replace(URL_RE, "").trim()).filter(Boolean);
  if (req.format === "thread" && posts.length >= THREAD_POSTS[0])
    out.thread = [...posts.slice(0, -1), `${posts.at(-1)!.replace(/\s*→\s*$/u, "")} → ${req.linkUrl}`];
  if (answer.firstComment?.trim()) out.firstComment = answer.firstComment.replace(URL_RE, "").trim();
  return out;
}
