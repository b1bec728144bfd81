/**
 * The media-store port: every stored file (render, upload, logo) is named by a key such as
 * `3/7/2026-12-06/item-42.mp4` (the path under media_dir the folder has always used), never by a path on this box.
 * Two adapters keep the same keys: the folder (folder.ts) and an S3-compatible bucket (s3.ts).
 */

/** What a put reads: a local file (moved into the store: the source is gone afterwards), bytes, or a stream. */
export type PutSource = { file: string } | { bytes: Uint8Array } | { stream: ReadableStream<Uint8Array> };

/** A stored object's size and time. */
export interface MediaStat {
  key: string;
  bytes: number;
  modifiedAt: Date;
}

/** A slice of an object: first and last byte, both included (as HTTP's Range and Content-Range count them). */
export interface ByteRange {
  start: number;
  end: number;
}

/** One place media is kept. Not found answers undefined (stat) or throws MediaNotFoundError (get, stream). */
export interface MediaStore {
  readonly driver: "folder" | "s3";
  /** Stores an object; a reader sees the old object or the whole new one, never a part (a failed put leaves no object). */
  put(key: string, source: PutSource, opts?: { contentType?: string }): Promise<MediaStat>;
  /** The whole object's bytes. */
  get(key: string): Promise<Uint8Array>;
  /** The object, or the bytes `range.start`..`range.end` (inclusive, within its size) of it, as a stream (large videos are never read whole). */
  stream(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>>;
  /** Size and time, or undefined when there is no object under the key. */
  stat(key: string): Promise<MediaStat | undefined>;
  /** Removes an object; removing a missing one is fine. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with the prefix, in key order. */
  list(prefix: string): Promise<MediaStat[]>;
  /** A URL anyone holding it may GET until `ttlMs` from now. */
  signedUrl(key: string, ttlMs: number): string;
  /** A local file with the object's bytes for tools that need one (ffmpeg, sharp, uploads to platforms): the folder's own file, or a copy under `dir`. */
  localFile(key: string, dir: string): Promise<string>;
}

/** No object under a key: what callers match on, the same from both adapters. */
export class MediaNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`media.storage: no object under "${key}"`);
    this.name = "MediaNotFoundError";
  }
}

/** Prefix of the keys where puts and renders stage their work; never a stored object's key. */
export const STAGING_PREFIX = ".tmp/";

/** Checks a key: relative, "/"-separated, no empty, "." or ".." segment, no backslash or control character, not under .tmp/. */
export function checkKey(key: string): string {
  const bad =
    !key ||
    key.length > 1024 ||
    key.startsWith(STAGING_PREFIX) ||
    key.includes("\\") ||
    /[\u0000-\u001f\u007f]/.test(key) ||
    key.split("/").some((s) => s === "" || s === "." || s === "..");
  if (bad) throw new Error(`media.storage: "${key}" is not a media key (relative, "/"-separated, no "..", not under ${STAGING_PREFIX})`);
  return key;
}

/** Checks a list prefix: empty (everything) or a key's beginning. */
export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  checkKey(prefix.endsWith("/") ? `${prefix}x` : prefix);
  return prefix;
}

/** Orders keys as S3 lists them (by their UTF-8 bytes), so both adapters list in the same order. */
export function byKey(a: { key: string }, b: { key: string }): number {
  return Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));
}
