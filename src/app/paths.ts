import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { AppPaths } from "./context";

/**
 * Finds migrations/ and public/: next to the source tree when run with `bun`, or next to the
 * executable when compiled with `bun build --compile` (the image ships them beside it).
 */
export function resolveAppPaths(): AppPaths {
  const candidates = [resolve(import.meta.dir, "../.."), dirname(process.execPath), process.cwd()];
  const root = candidates.find((c) => existsSync(join(c, "migrations", "meta", "_journal.json"))) ?? candidates[0]!;
  return { migrations: join(root, "migrations"), public: join(root, "public") };
}
