import { createHash } from "node:crypto";
import { isAbsolute, join } from "node:path";
import type { contentItems } from "../db/schema/content";
import { composePostText } from "../platforms/rules";
import { threadPosts } from "../platforms/thread";
import { readSlides } from "../platforms/carousel";
import type { PublishInput } from "../platforms/types";

/** A content item row. */
export type ItemRow = typeof contentItems.$inferSelect;

/** The media an item carries: paths relative to storage.media_dir (or absolute), as the media studio writes them. */
export interface ItemMedia {
  video?: string;
  cover?: string;
  /** The media studio writes {path, width, height, target} (src/media/images.ts); plain paths are accepted too. */
  images?: (string | { path: string })[];
}

/** Our marker for an item: short, unique, and safe inside a URL parameter. */
export function markerFor(itemId: number): string {
  return `amk${itemId.toString(36)}`;
}

/** The caption's fingerprint: URLs dropped (platforms shorten them), whitespace collapsed, case folded. */
export function captionHash(text: string): string {
  const norm = text
    .replace(/https?:\/\/\S+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  return createHash("sha256").update(norm).digest("hex").slice(0, 32);
}

/** The link with our marker as utm_content, so a post can be found again by its link too. */
export function markedLink(linkUrl: string, marker: string): string {
  if (!linkUrl) return "";
  try {
    const u = new URL(linkUrl);
    if (!u.searchParams.has("utm_content")) u.searchParams.set("utm_content", marker);
    return u.toString();
  } catch {
    return linkUrl;
  }
}

/** The media keys an item refers to (paths relative to storage.media_dir; absolute ones are not the store's). */
export function itemMediaKeys(item: ItemRow): string[] {
  const m = item.media as ItemMedia;
  const paths = [m.video, m.cover, ...(m.images ?? []).map((p) => (typeof p === "string" ? p : p.path))];
  return paths.filter((p): p is string => !!p && !isAbsolute(p));
}

/** Builds what the adapter publishes from an item: composed text, resolved media paths, marker and hash. */
export function publishInputFor(item: ItemRow, mediaDir: string): PublishInput {
  const marker = markerFor(item.id);
  const m = item.media as ItemMedia;
  const abs = (p?: string) => (p ? (isAbsolute(p) ? p : join(mediaDir, p)) : undefined);
  const link = markedLink(item.linkUrl, marker);
  const mark = (t: string) => t.replace(item.linkUrl || "\u0000", link);
  // A link that lives in the first comment is not added to the caption.
  const inComment = item.firstComment !== "" && item.firstComment.includes(item.linkUrl || "\u0000");
  const caption =
    link && !inComment && !item.caption.includes(item.linkUrl || "\u0000") ? `${item.caption.trim()}\n${link}` : mark(item.caption);
  const text = composePostText(caption, item.hashtags);
  return {
    itemId: item.id,
    format: item.format,
    title: item.title,
    text,
    linkUrl: link,
    videoPath: abs(m.video),
    coverPath: abs(m.cover),
    imagePaths: m.images?.map((p) => abs(typeof p === "string" ? p : p.path)!),
    ...(item.format === "thread" ? { thread: threadOf(item, caption, mark) } : {}),
    ...(item.format === "carousel" ? { slideTexts: readSlides(item.script).map((s) => s.text) } : {}),
    ...(item.firstComment ? { firstComment: mark(item.firstComment) } : {}),
    marker,
    captionHash: captionHash(text),
  };
}

/** A thread's posts as written (the link marked, hashtags after the last); an item without stored posts is cut from its caption. */
function threadOf(item: ItemRow, caption: string, mark: (t: string) => string): string[] {
  if (item.threadPosts.length === 0) return threadPosts(caption, item.hashtags);
  const posts = item.threadPosts.map(mark);
  posts[posts.length - 1] = composePostText(posts[posts.length - 1]!, item.hashtags);
  return posts;
}

/** True when a remote post is ours: it carries our marker, or its caption hashes like ours. */
export function isOurPost(post: { text?: string; permalink?: string }, input: Pick<PublishInput, "marker" | "captionHash">): boolean {
  const text = post.text ?? "";
  return text.includes(input.marker) || (text !== "" && captionHash(text) === input.captionHash);
}
