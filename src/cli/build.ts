/**
 * `bun run build`: compiles the app into one executable, dist/amarktai, with `bun build --compile`.
 * Beside it: migrations/ and public/ (found there by src/app/paths.ts), sharp's native addon with its
 * libvips library under node_modules/@img/ (a .node file that dlopens a shared library cannot be embedded),
 * and node_modules/playwright-core (it reads its own files at run time).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
        (_m, pkg: string) =>
          `require(require("node:path").join(require("node:path").dirname(process.execPath), "node_modules", ${JSON.stringify(pkg)}, "index.cjs"))`,
      );
      return { loader: "js", contents };
    });
  },
};

/**
 * Packages that read their own files at run time from where they were installed (playwright-core looks up
 * its package.json and browser protocol files), so bundling them would point at the build machine's
 * node_modules: they ship beside the executable and are loaded from there by absolute path.
 */
export const SHIPPED_BESIDE = ["playwright-core"];

/** Loads SHIPPED_BESIDE packages from <dir of the executable>/node_modules/<name> instead of bundling them. */
export const packagesBesideExecutable: BunPlugin = {
  name: "packages-beside-executable",
  setup(build) {
    const names = new RegExp(`^(${SHIPPED_BESIDE.map((n) => n.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).join("|")})$`);
    build.onResolve({ filter: names }, (args) => ({ path: args.path, namespace: "beside-executable" }));
    build.onLoad({ filter: /.*/, namespace: "beside-executable" }, (args) => {
      const main = JSON.parse(readFileSync(join(ROOT, "node_modules", args.path, "package.json"), "utf8")).main ?? "index.js";
      const file = JSON.stringify(join(args.path, main));
      return {
        loader: "js",
        contents: `const { dirname, join } = require("node:path");\nmodule.exports = require(join(dirname(process.execPath), "node_modules", ${file}));\n`,
      };
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

/** Compiles `entry` into `<outDir>/<name>` and copies migrations/, public/ and sharp's native packages beside it. */
export async function buildBinary(outDir: string, entry = join(ROOT, "src/cli/entry.ts"), name = "amarktai"): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await Bun.build({
    entrypoints: [entry],
    compile: { outfile: join(outDir, name) },
    minify: true,
    plugins: [nativeBesideExecutable, packagesBesideExecutable],
  });
  if (!result.success) throw new Error(`build: bun build --compile failed: ${result.logs.map(String).join("; ")}`);
  cpSync(join(ROOT, "migrations"), join(outDir, "migrations"), { recursive: true });
  cpSync(join(ROOT, "public"), join(outDir, "public"), { recursive: true });
  for (const pkg of [...sharpNativePackages(), ...SHIPPED_BESIDE])
    cpSync(join(ROOT, "node_modules", pkg), join(outDir, "node_modules", pkg), { recursive: true, dereference: true });
  return join(outDir, name);
}

async function main() {
  try {
    await buildBinary(OUT);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  console.log(`build: dist/amarktai with migrations/, public/ and ${[...sharpNativePackages(), ...SHIPPED_BESIDE].join(", ")} beside it`);
}

if (import.meta.main) await main();
