/**
 * `bun run build`: compiles the app into one executable, dist/amarktai, with `bun build --compile`.
 * Beside it: migrations/ and public/ (found there by src/app/paths.ts), and sharp's native addon with its
 * libvips library under node_modules/@img/ (a .node file that dlopens a shared library cannot be embedded).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BunPlugin } from "bun";

const ROOT = join(import.meta.dir, "../..");
const OUT = join(ROOT, "dist");

/** sharp loads its addon with require("@img/sharp-<platform>/sharp.node"), which a compiled binary cannot resolve; point it beside the executable. */
export const nativeBesideExecutable: BunPlugin = {
  name: "native-beside-executable",
  setup(build) {
    build.onLoad({ filter: /sharp[/\\]dist[/\\]sharp\.[cm]js$/ }, async (args) => {
      const source = await Bun.file(args.path).text();
      const contents = source.replace(
        /require\("(@img\/sharp-[a-z0-9-]+)\/sharp\.node"\)/g,
        (_m, pkg: string) => `require(require("node:path").join(require("node:path").dirname(process.execPath), "node_modules", ${JSON.stringify(pkg)}, "index.cjs"))`,
      );
      return { loader: "js", contents };
    });
  },
};

/** The native packages of sharp installed for this platform (addon + libvips). */
export function sharpNativePackages(root = ROOT): string[] {
  const img = join(root, "node_modules", "@img");
  if (!existsSync(img)) return [];
  return readdirSync(img)
    .filter((n) => n.startsWith("sharp-"))
    .map((n) => `@img/${n}`);
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const result = await Bun.build({
    entrypoints: [join(ROOT, "src/main.ts")],
    compile: { outfile: join(OUT, "amarktai") },
    minify: true,
    plugins: [nativeBesideExecutable],
  });
  if (!result.success) {
    for (const log of result.logs) console.error(log);
    console.error("build: bun build --compile failed (messages above)");
    process.exit(1);
  }
  cpSync(join(ROOT, "migrations"), join(OUT, "migrations"), { recursive: true });
  cpSync(join(ROOT, "public"), join(OUT, "public"), { recursive: true });
  for (const pkg of sharpNativePackages()) cpSync(join(ROOT, "node_modules", pkg), join(OUT, "node_modules", pkg), { recursive: true, dereference: true });
  console.log(`build: dist/amarktai with migrations/, public/ and ${sharpNativePackages().join(", ") || "no native packages"} beside it`);
}

if (import.meta.main) await main();
