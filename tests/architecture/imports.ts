// Reads the relative imports of src/ and views/ and places folders in the layers of docs/architecture.md:
// shared by the folder-rule test and `bun run tests/architecture/upward.ts`, which prints the upward imports.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The repository's root folder. */
export const ROOT = join(import.meta.dir, "..", "..");

/** One relative import: who imports what, and whether only types cross (erased when the program runs). */
export interface Import {
  from: string; // repository-relative file, e.g. src/webapps/routes.ts
  to: string; // repository-relative module path without extension, e.g. src/http/guard
  typeOnly: boolean;
}

const IMPORT_RE = /\b(?:import|export)\s+(type\s+)?(?:[\w*$,{}\s]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import (import/export ... from "...", side-effect imports, import("...")) in a file's text. */
export function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[2] ?? m[3]!;
    if (!spec.startsWith(".")) continue;
    const to = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(tsx?|js)$/, "");
    out.push({ from: file, to, typeOnly: m[1] !== undefined });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f).split("\\").join("/"));
}

/** The top-level folder a module belongs to: a folder of src/, "views", or the file itself for files directly in src/. */
export function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "views") return "views";
  if (parts[0] === "src") return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.tsx?$/, "");
  return parts[0]!;
}

/** Every relative import of src/ and views/. */
export function repositoryImports(): Import[] {
  const files = [...sourceFiles("src"), ...sourceFiles("views")];
  return files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), "utf8")));
}

/** docs/architecture.md as it is now. */
export function architectureDoc(): string {
  return readFileSync(join(ROOT, "docs", "architecture.md"), "utf8");
}

/** The entry points sit above every layer: they may import anything. */
export const ENTRY_POINTS = ["main", "cli"];

/**
 * Each folder's height from the numbered list under "Layers, bottom to top": a folder is placed where it is first
 * named (as `name/`); folders of one layer share a height, except the domains (layer 6), listed lower before higher.
 */
export function layerRanks(doc: string): Map<string, number> {
  const section = doc.split(/^## /m).find((s) => s.startsWith("Layers, bottom to top")) ?? "";
  const ranks = new Map<string, number>();
  for (const item of section.matchAll(/^(\d+)\. \*\*([^*]+)\*\*[^]*?(?=^\d+\. |$(?![^]))/gm)) {
    const layer = Number(item[1]);
    let i = 0;
    for (const m of item[0].matchAll(/`([\w-]+)\/`/g)) {
      if (ranks.has(m[1]!)) continue;
      ranks.set(m[1]!, layer * 100 + (item[2] === "Domains" ? i++ : 0));
    }
  }
  return ranks;
}

/** Run-time imports from a folder to one placed higher (entry points excluded: they sit above everything). */
export function upwardImports(imports: Import[], ranks: Map<string, number>): Import[] {
  return imports.filter((i) => {
    if (i.typeOnly) return false;
    const a = folderOf(i.from);
    const b = folderOf(i.to);
    if (ENTRY_POINTS.includes(a) || a === b) return false;
    return (ranks.get(b) ?? 0) > (ranks.get(a) ?? 0);
  });
}
