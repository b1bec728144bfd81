import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import type { AppContext } from "../app/context";
import { transition, type Actor } from "../content/state";
import type { PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { ensureLocalMedia } from "../media/storage/local";
import { itemMediaKeys, publishInputFor, type ItemRow } from "./input";
import { itemsOfUserIn, itemOfUser, resetJournal } from "./store";
import { enqueuePublish } from "./schedule";
import { memoryEntry, zipStore, type LazyZipEntry } from "../lib/zip";

/** The user's item, or undefined (someone else's item answers like a missing one). */
export function ownItem(ctx: AppContext, userId: number, itemId: number): ItemRow | undefined {
  return itemOfUser(ctx.db, userId, itemId);
}

/** The user's failed, needs-check and ready-for-manual-posting items, newest first, for the Platforms page. */
export function itemsNeedingAttention(ctx: AppContext, userId: number): ItemRow[] {
  return itemsOfUserIn(ctx.db, userId, ["failed", "needs_check", "manual_ready"]).sort(
    (a, b) => b.updatedAt.getTime() - a.updatedAt.getTime(),
  );
}

/**
 * Manual retry of a failed or needs-check item: a fresh journal and a new job now. For needs_check the
 * person has looked and says the post is not there, so posting again is their decision.
 */
export function retryItem(ctx: AppContext, actor: Actor & { userId: number }, itemId: number): { ok: true } | { error: string } {
  const item = ownItem(ctx, actor.userId, itemId);
  if (!item) return { error: "That item does not exist." };
  if (item.status !== "failed" && item.status !== "needs_check" && item.status !== "manual_ready")
    return { error: `Only failed, unconfirmed or ready-for-manual-posting items can be retried; this one is ${item.status}.` };
  const now = ctx.clock.now();
  resetJournal(ctx.db, itemId);
  const moved = transition(ctx.db, itemId, "scheduled", actor, {
    from: ["failed", "needs_check", "manual_ready"],
    action: "publish.retry",
    detail: item.failure ? `retry after: ${item.failure}` : "retry",
    set: { failure: null, plannedAt: now },
    now,
  });
  if (!moved) return { error: "The item changed meanwhile; reload the page." };
  enqueuePublish(ctx, itemId, now, `${now.getTime().toString(36)}-${randomBytes(4).toString("hex")}`);
  return { ok: true };
}

/** Records that the user posted the item by hand, with the post's URL. */
export function markPostedByHand(
  ctx: AppContext,
  actor: Actor & { userId: number },
  itemId: number,
  url: string,
): { ok: true } | { error: string } {
  const item = ownItem(ctx, actor.userId, itemId);
  if (!item) return { error: "That item does not exist." };
  let u: URL;
  try {
    u = new URL(url.trim());
    if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("scheme");
  } catch {
    return { error: "Paste the post's address, starting with https://." };
  }
  const ok = transition(ctx.db, itemId, "published", actor, {
    from: ["approved", "scheduled", "failed", "needs_check", "manual_ready"],
    action: "publish.marked_posted",
    detail: `posted by hand: ${u.toString()}`,
    set: { permalink: u.toString(), remoteId: null, failure: null },
    now: ctx.clock.now(),
  });
  return ok
    ? { ok: true }
    : { error: `This item is ${item.status}; only approved, scheduled, failed or unconfirmed items can be marked as posted.` };
}

/**
 * The files of a post's bundle for posting by hand: the video or images, the cover, the caption, the hashtags and the
 * full post text. In S3 mode its media are fetched from the bucket first (the zip reads files).
 */
export async function bundleFiles(ctx: AppContext, item: ItemRow): Promise<{ filename: string; files: LazyZipEntry[] }> {
  await ensureLocalMedia(ctx, itemMediaKeys(item));
  const input = publishInputFor(item, ctx.config.storage.media_dir);
  const rules = PLATFORM_RULES[item.platform as PlatformId];
  const files: LazyZipEntry[] = [];
  const add = (path: string | undefined, name: string) => {
    if (path && existsSync(path))
      files.push({ name: `${name}${extname(path)}`, bytes: statSync(path).size, read: () => readFileSync(path) });
  };
  add(input.videoPath, "video");
  add(input.coverPath, "cover");
  // A carousel's slides are numbered so they sort in the order they are uploaded.
  const carousel = item.format === "carousel";
  input.imagePaths?.forEach((p, i) => add(p, carousel ? `slide-${String(i + 1).padStart(2, "0")}` : `image-${i + 1}`));
  const text = (name: string, s: string) => files.push(memoryEntry(name, new TextEncoder().encode(s.endsWith("\n") ? s : `${s}\n`)));
  text("caption.txt", item.caption);
  text("hashtags.txt", item.hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" "));
  text("post.txt", input.text);
  if (item.title) text("title.txt", item.title);
  if (carousel)
    text(
      "slides.txt",
      `Upload slide-01, slide-02, ... in this order as one ${rules?.label ?? item.platform} post:\n${(input.slideTexts ?? []).map((t, i) => `${i + 1}. ${t}`).join("\n")}`,
    );
  // A thread's posts one file each, in order; the first comment in its own file (see the README's steps).
  input.thread?.forEach((p, i) => text(`thread-${i + 1}.txt`, p));
  if (input.firstComment) text("first-comment.txt", input.firstComment);
  text(
    "README.txt",
    [
      `Post for ${rules?.label ?? item.platform}: "${postName(item)}".\npost.txt is the full text (caption, link and hashtags) as it fits ${rules?.label ?? item.platform}.`,
      ...manualSteps(input),
      `After posting, use "Mark as posted" with the post's URL so its results are tracked.`,
    ].join("\n"),
  );
  return { filename: `amarktai-${item.platform}-item-${item.id}.zip`, files };
}

/** A zip to post by hand, built at once in memory (the bundle files of `bundleFiles`). */
export async function exportBundle(ctx: AppContext, item: ItemRow): Promise<{ filename: string; zip: Uint8Array }> {
  const { filename, files } = await bundleFiles(ctx, item);
  return {
    filename,
    zip: zipStore(
      files.map((f) => ({ name: f.name, data: f.read() })),
      ctx.clock.now(),
    ),
  };
}

/** The README's extra steps for a thread (post by post, each a reply to the one before) and a first comment. */
function manualSteps(input: { thread?: string[]; firstComment?: string }): string[] {
  const steps: string[] = [];
  const n = input.thread?.length ?? 0;
  if (n > 0)
    steps.push(
      `This is a thread of ${n} posts: post thread-1.txt first, then reply to it with thread-2.txt, and reply to each new post with the next file, up to thread-${n}.txt (post.txt holds them all, for reference).`,
    );
  if (input.firstComment)
    steps.push(
      "Right after posting, add first-comment.txt as the first comment under the post: it carries the link and the call to action.",
    );
  return steps;
}

/** What a bundle's README calls the post: its title, else its caption's first line (a platform without titles), shortened. */
function postName(item: { title: string; caption: string }): string {
  const name = item.title.trim() || (item.caption.trim().split("\n")[0] ?? "");
  return name.length > 80 ? `${name.slice(0, 79).replace(/\s+\S*$/, "")}…` : name || "post";
}
