import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeRenderTemp } from "../temp";
import { byKey, type ByteRange, checkKey, checkPrefix, MediaNotFoundError, type MediaStat, type MediaStore, type PutSource } from "./port";

/**
 * The media store as a folder on this box (today's layout: the key is the path under media_dir). A put writes into a
 * staging folder under <media_dir>/.tmp (named after its process, so one left by a killed process is removed at the
 * next start) and renames the finished file over the key: the same filesystem makes that one atomic step.
 */
export class FolderMediaStore implements MediaStore {
  readonly driver = "folder";

  constructor(
    private readonly root: string,
    private readonly sign: (key: string, ttlMs: number) => string,
  ) {}

  /** The file a key lives in. */
  pathOf(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, source: PutSource): Promise<MediaStat> {
    const final = this.pathOf(key);
    mkdirSync(dirname(final), { recursive: true });
    if ("file" in source && this.moveIn(source.file, final)) return this.statOrThrow(key);
    const stage = makeRenderTemp(this.root, "put");
    try {
      const part = join(stage, "part");
      if ("file" in source) copyFileSync(source.file, part);
      else if ("bytes" in source) await Bun.write(part, source.bytes);
      else await Bun.write(part, new Response(source.stream));
      const fd = openSync(part, "r");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(part, final);
      if ("file" in source) rmSync(source.file, { force: true });
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
    return this.statOrThrow(key);
  }

  // A rename when the source is on the media folder's filesystem (renders stage under <media_dir>/.tmp); false otherwise.
  private moveIn(from: string, to: string): boolean {
    try {
      renameSync(from, to);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EXDEV") return false;
      throw new Error(`media.storage: cannot move ${from} into the media folder: ${e instanceof Error ? e.message : e}`);
    }
  }

  async get(key: string): Promise<Uint8Array> {
    return new Uint8Array(await Bun.file(this.existing(key)).arrayBuffer());
  }

  async stream(key: string, range?: ByteRange): Promise<ReadableStream<Uint8Array>> {
    const file = Bun.file(this.existing(key));
    return (range ? file.slice(range.start, range.end + 1) : file).stream();
  }

  async stat(key: string): Promise<MediaStat | undefined> {
    const s = statSync(this.pathOf(key), { throwIfNoEntry: false });
    return s?.isFile() ? { key, bytes: s.size, modifiedAt: s.mtime } : undefined;
  }

  async delete(key: string): Promise<void> {
    rmSync(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<MediaStat[]> {
    checkPrefix(prefix);
    const dir = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/") + 1) : "";
    const out: MediaStat[] = [];
    const walk = (rel: string) => {
      const abs = join(this.root, rel);
      if (!existsSync(abs)) return;
      for (const entry of readdirSync(abs, { withFileTypes: true })) {
        const key = `${rel}${entry.name}`;
        if (rel === "" && `${entry.name}/` === ".tmp/") continue;
        if (entry.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix)) walk(`${key}/`);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          const s = statSync(join(abs, entry.name));
          out.push({ key, bytes: s.size, modifiedAt: s.mtime });
        }
      }
    };
    walk(dir);
    return out.sort(byKey);
  }

  signedUrl(key: string, ttlMs: number): string {
    return this.sign(checkKey(key), ttlMs);
  }

  async localFile(key: string): Promise<string> {
    return this.existing(key);
  }

  private existing(key: string): string {
    const path = this.pathOf(key);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new MediaNotFoundError(key);
    return path;
  }

  private async statOrThrow(key: string): Promise<MediaStat> {
    const s = await this.stat(key);
    if (!s) throw new Error(`media.storage: "${key}" vanished right after it was stored`);
    return s;
  }
}
