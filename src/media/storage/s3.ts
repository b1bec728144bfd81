import { rmSync } from "node:fs";
import { join } from "node:path";
import { byKey, type ByteRange, checkKey, checkPrefix, MediaNotFoundError, type MediaStat, type MediaStore, type PutSource } from "./port";

/** How to reach the bucket (the storage section's s3_* keys). */
export interface S3Settings {
  bucket: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
}

/**
 * The media store as an S3-compatible bucket, through Bun's built-in S3 client. A put is one PutObject (or a
 * multipart upload for large bodies): S3 makes an object visible under its key only once the whole upload is
 * complete, so the upload itself is the atomic commit and a failed one leaves nothing under the key.
 */
export class S3MediaStore implements MediaStore {
  readonly driver = "s3";
  private readonly client: Bun.S3Client;

  constructor(s: S3Settings) {
    this.client = new Bun.S3Client({
      bucket: s.bucket,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      virtualHostedStyle: !s.pathStyle,
      ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    });
  }

  async put(key: string, source: PutSource, opts: { contentType?: string } = {}): Promise<MediaStat> {
    checkKey(key);
    const body = "file" in source ? Bun.file(source.file) : "bytes" in source ? source.bytes : new Response(source.stream);
    try {
      await this.client.write(key, body, opts.contentType ? { type: opts.contentType } : {});
    } catch (e) {
      throw new Error(`media.storage: cannot upload "${key}" to the bucket: ${e instanceof Error ? e.message : e}`);
    }
    if ("file" in source) rmSync(source.file, { force: true });
    const stat = await this.stat(key);
    if (!stat) throw new Error(`media.storage: "${key}" is not in the bucket right after its upload`);
    return stat;
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      return await this.client.file(checkKey(key)).bytes();
    } catch (e) {
      throw notFound(e, key);
    }
  }

  async stream(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    // The body is read lazily; asking first makes a missing key fail here, typed, rather than mid-stream.
    if (!(await this.stat(key))) throw new MediaNotFoundError(key);
    const file = this.client.file(key);
    // A slice of an S3 file is fetched with a Range header: only those bytes leave the bucket.
    return (range ? file.slice(range.start, range.end + 1) : file).stream();
  }

  async stat(key: string): Promise<MediaStat | undefined> {
    try {
      const s = await this.client.stat(checkKey(key));
      return { key, bytes: s.size, modifiedAt: s.lastModified };
    } catch (e) {
      if (isNoSuchKey(e)) return undefined;
      throw new Error(`media.storage: cannot read "${key}" in the bucket: ${e instanceof Error ? e.message : e}`);
    }
  }

  async delete(key: string): Promise<void> {
    // DeleteObject answers 204 for a missing key too.
    await this.client.delete(checkKey(key));
  }

  async list(prefix: string): Promise<MediaStat[]> {
    checkPrefix(prefix);
    const out: MediaStat[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.client.list({ prefix, maxKeys: 1000, ...(continuationToken ? { continuationToken } : {}) });
      for (const o of page.contents ?? [])
        if (!o.key.startsWith(".tmp/")) out.push({ key: o.key, bytes: o.size ?? 0, modifiedAt: new Date(o.lastModified ?? 0) });
      continuationToken = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (continuationToken);
    return out.sort(byKey);
  }

  signedUrl(key: string, ttlMs: number): string {
    return this.client.presign(checkKey(key), { method: "GET", expiresIn: Math.max(1, Math.ceil(ttlMs / 1000)) });
  }

  async localFile(key: string, dir: string): Promise<string> {
    const path = join(dir, key.split("/").pop()!);
    await Bun.write(path, new Response(await this.stream(key)));
    return path;
  }
}

function isNoSuchKey(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === "NoSuchKey" || code === "NotFound";
}

function notFound(e: unknown, key: string): Error {
  if (isNoSuchKey(e)) return new MediaNotFoundError(key);
  return new Error(`media.storage: cannot read "${key}" in the bucket: ${e instanceof Error ? e.message : e}`);
}
