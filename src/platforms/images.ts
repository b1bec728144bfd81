import { existsSync, statSync } from "node:fs";
import { extname } from "node:path";
import type { PublishInput } from "./types";

/**
 * The image an image item posts: the first rendition (the media studio renders the platform's own size first,
 * then a square fallback), or undefined when the item has none.
 */
export function postImage(input: PublishInput): string | undefined {
  return input.imagePaths?.[0];
}

/** The MIME type of an image file by its extension (the media studio writes JPEG). */
export function imageMime(path: string): string {
  const ext = extname(path).toLowerCase();
  return ext === ".png" ? "image/png" : ext === ".gif" ? "image/gif" : ext === ".webp" ? "image/webp" : "image/jpeg";
}

/** Problems with an image item's picture for a platform: missing file, too large, or a type it does not take. */
export function imageProblems(
  input: PublishInput,
  label: string,
  maxBytes: number,
  types: string[] = ["image/jpeg", "image/png"],
): string[] {
  const path = postImage(input);
  if (!path || !existsSync(path)) return ["The image file is missing; render the media again."];
  const problems: string[] = [];
  if (statSync(path).size > maxBytes)
    problems.push(`${label} accepts images up to ${Math.round(maxBytes / 1024 ** 2)} MB; this one is larger.`);
  if (!types.includes(imageMime(path)))
    problems.push(
      `${label} accepts ${types.map((t) => t.replace("image/", "").toUpperCase()).join(" or ")} images, not ${imageMime(path).replace("image/", "").toUpperCase()}.`,
    );
  return problems;
}
