import { type Dirent, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import type { AppContext } from "../../app/context";
import { makeRenderTemp } from "../temp";
import { mediaStoreOf } from "./open";
import { checkKey, MediaNotFoundError, STAGING_PREFIX } from "./port";

/**
 * Makes stored objects readable as files at <media_dir>/<key> for the tools that need paths (platform uploads,
 * sharp, ffprobe). The folder store already keeps them there; with a bucket, each one missing is downloaded there
 * (through a staging folder and a rename, so a half-copied file is never read) and media_dir is a read-through cache
 * bounded by sweepLocalMediaCache. Keys with no object, and paths that are no key (absolute ones), are skipped: the caller
 * reports the missing file as before.
 */
export async function ensureLocalMedia(ctx: AppContext, keys: Array<string | undefined | null>): Promise<void> {
  const store = mediaStoreOf(ctx);
  if (store.driver === "folder") return;
  const root = ctx.config.storage.media_dir;
  const now = new Date(ctx.clock.now().getTime());
  let fetched = 0;
  for (const key of keys) {
    if (!key || !isKey(key)) continue;
    const path = join(root, key);
    // A hit is a use: the sweep removes the least recently used copies first (one removed meanwhile is fetched again).
    if (existsSync(path) && touched(path, now)) continue;
    const stage = makeRenderTemp(root, "fetch");
    try {
      const copy = await store.localFile(key, stage);
      mkdirSync(dirname(path), { recursive: true });
      utimesSync(copy, now, now);
      renameSync(copy, path);
      fetched += statSync(path).size;
    } catch (e) {
      if (!(e instanceof MediaNotFoundError)) throw e;
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  }
  if (fetched > 0) sweepWhenDue(ctx, fetched);
}

/** What one sweep of the local copies did. */
export interface CacheSweep {
  removed: number;
  freedBytes: number;
  keptBytes: number;
}

// Copies used this recently are never removed: a reader may be about to open the file it was just given.
const IN_USE_MS = 3600_000;

/**
 * Bounds the local copies of bucket objects (S3 mode; the folder driver's media_dir is the store itself and is never
 * touched): removes copies unused for storage.s3_cache_max_age_hours, then the least recently used until the rest fit
 * in storage.s3_cache_max_mb, sparing those used within the last hour. Staging (.tmp) is not the cache.
 */
export function sweepLocalMediaCache(ctx: AppContext): CacheSweep {
  const out: CacheSweep = { removed: 0, freedBytes: 0, keptBytes: 0 };
  const s = ctx.config.storage;
  if (s.driver !== "s3") return out;
  const now = ctx.clock.now().getTime();
  const copies = cachedCopies(join(s.media_dir)).sort((a, b) => a.usedAt - b.usedAt);
  let total = copies.reduce((n, c) => n + c.bytes, 0);
  const cap = s.s3_cache_max_mb * 1024 * 1024;
  for (const c of copies) {
    const stale = now - c.usedAt > s.s3_cache_max_age_hours * 3600_000;
    if (!stale && (total <= cap || now - c.usedAt < IN_USE_MS)) continue;
    rmSync(c.path, { force: true });
    removeEmptyParents(join(s.media_dir), c.path);
    total -= c.bytes;
    out.removed++;
    out.freedBytes += c.bytes;
  }
  out.keptBytes = total;
  if (out.removed > 0)
    ctx.log.info(
      `media cache: removed ${out.removed} local copies of bucket objects (${mb(out.freedBytes)} MB); ${mb(total)} MB kept in ${s.media_dir}`,
    );
  return out;
}

const swept = new WeakMap<object, { at: number; fetchedSince: number }>();

// Sweeps after a quarter of the cap was fetched, or an hour after the last sweep: each process bounds its own machine's copies.
function sweepWhenDue(ctx: AppContext, fetched: number): void {
  const s = ctx.config.storage;
  const now = ctx.clock.now().getTime();
  const state = swept.get(s) ?? { at: now, fetchedSince: 0 };
  state.fetchedSince += fetched;
  swept.set(s, state);
  if (state.fetchedSince < (s.s3_cache_max_mb * 1024 * 1024) / 4 && now - state.at < IN_USE_MS) return;
  state.at = now;
  state.fetchedSince = 0;
  sweepLocalMediaCache(ctx);
}

function cachedCopies(root: string): Array<{ path: string; bytes: number; usedAt: number }> {
  const out: Array<{ path: string; bytes: number; usedAt: number }> = [];
  const walk = (dir: string, top: boolean) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!(top && `${e.name}/` === STAGING_PREFIX)) walk(path, false);
      } else if (e.isFile()) {
        const st = statSync(path, { throwIfNoEntry: false });
        if (st) out.push({ path, bytes: st.size, usedAt: st.mtimeMs });
      }
    }
  };
  walk(root, true);
  return out;
}

function removeEmptyParents(root: string, file: string): void {
  const top = join(root, sep);
  for (let dir = dirname(file); dir.startsWith(top); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty (or gone): its parents are not empty either
    }
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function touched(path: string, at: Date): boolean {
  try {
    utimesSync(path, at, at);
    return true;
  } catch {
    return false;
  }
}

function isKey(key: string): boolean {
  try {
    return checkKey(key) === key;
  } catch {
    return false;
  }
}
