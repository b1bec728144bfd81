import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

// The folder rules of docs/architecture.md, checked on the import statements of the source text.

const ROOT = join(import.meta.dir, "..", "..");

/** One relative import: who imports what, and whether only types cross (erased when the program runs). */
interface Import {
  from: string; // repository-relative file, e.g. src/webapps/routes.ts
  to: string; // repository-relative module path without extension, e.g. src/http/guard
  typeOnly: boolean;
}

const IMPORT_RE = /\b(?:import|export)\s+(type\s+)?(?:[\w*$,{}\s]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import (import/export ... from "...", side-effect imports, import("...")) in a file's text. */
function importsOf(file: string, text: string): Import[] {
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
function folderOf(path: string): string {
  const parts = path.split("/");
  if (parts[0] === "views") return "views";
  if (parts[0] === "src") return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.tsx?$/, "");
  return parts[0]!;
}

/** The upward imports docs/architecture.md allows, as "a -> b" edges under its "Allowed cycles" heading. */
function allowedEdges(doc: string): Set<string> {
  const section = doc.split(/^## /m).find((s) => s.startsWith("Allowed cycles")) ?? "";
  return new Set([...section.matchAll(/^- `([\w-]+) -> ([\w-]+)`/gm)].map((m) => `${m[1]} -> ${m[2]}`));
}

/** Folder-level cycles among run-time imports (type-only imports are erased and left out), as lists of folders. */
function folderCycles(imports: Import[], allowed: Set<string>): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (i.typeOnly) continue;
    const a = folderOf(i.from);
    const b = folderOf(i.to);
    if (a === b || allowed.has(`${a} -> ${b}`)) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  // Tarjan's strongly connected components: every component with more than one folder is a loop.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Files that are stores: named *store.ts, or anything under src/db/. */
function isStore(path: string): boolean {
  return path.startsWith("src/db/") || /store$/.test(path);
}

/** A domain's actions (state-changing operations): files named actions.ts. */
function isActions(path: string): boolean {
  return /\/actions$/.test(path);
}

/** The rule each import breaks, if any. */
function violations(imports: Import[]): string[] {
  const found: string[] = [];
  for (const i of imports) {
    const fromFolder = folderOf(i.from);
    const toFolder = folderOf(i.to);
    if (fromFolder === "views") {
      if (i.to.startsWith("src/db/")) found.push(`${i.from} imports ${i.to}: views never import the database`);
      else if (!i.typeOnly && isStore(i.to)) found.push(`${i.from} imports ${i.to}: views never import a store`);
      else if (!i.typeOnly && isActions(i.to)) found.push(`${i.from} imports ${i.to}: views never import a domain's actions`);
    }
    if (fromFolder === "platforms" && ["publishing", "connections", "http", "db", "views", "server"].includes(toFolder))
      found.push(`${i.from} imports ${i.to}: platform adapters know nothing of ${toFolder}/`);
    if (fromFolder === "http" && !["http", "app", "db", "lib", "config", "security", "model"].includes(toFolder))
      found.push(`${i.from} imports ${i.to}: http/ sits below the domains and imports none (the root injects what it needs)`);
    if (
      toFolder === "server" &&
      fromFolder !== "server" &&
      fromFolder !== "main" &&
      fromFolder !== "cli" &&
      !/^(tests|bench)\//.test(i.from)
    )
      found.push(`${i.from} imports ${i.to}: only the entry points (src/main.ts, src/cli/) import the composition root`);
  }
  return found;
}

function repositoryImports(): Import[] {
  const files = [...sourceFiles("src"), ...sourceFiles("views")];
  return files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), "utf8")));
}

describe("folder rules (docs/architecture.md)", () => {
  const imports = repositoryImports();

  test("the import reader sees every form of import", () => {
    const text = `import a from "./a";\nimport type { B } from "../b";\nexport { c } from "./c";\nimport "./d";\nconst e = await import("../e");\nimport {\n  f,\n  type G,\n} from "./f";\n// import x from "./commented";`;
    const found = importsOf("src/x/y.ts", text);
    expect(found.map((i) => [i.to, i.typeOnly])).toEqual([
      ["src/x/a", false],
      ["src/b", true],
      ["src/x/c", false],
      ["src/x/d", false],
      ["src/e", false],
      ["src/x/f", false],
    ]);
  });

  test("views import no store, no database and no domain's actions", () => {
    expect(violations(imports.filter((i) => folderOf(i.from) === "views"))).toEqual([]);
  });

  test("platform adapters import nothing of publishing, connections, http, db, views or server", () => {
    expect(violations(imports.filter((i) => folderOf(i.from) === "platforms"))).toEqual([]);
  });

  test("http/ imports no domain", () => {
    expect(violations(imports.filter((i) => folderOf(i.from) === "http"))).toEqual([]);
  });

  test("nothing but the entry points imports the composition root src/server/", () => {
    expect(violations(imports.filter((i) => folderOf(i.to) === "server"))).toEqual([]);
  });

  test("no import loop between top-level folders, except the upward imports docs/architecture.md lists with a reason", () => {
    const allowed = allowedEdges(readFileSync(join(ROOT, "docs", "architecture.md"), "utf8"));
    expect(folderCycles(imports, allowed)).toEqual([]);
  });

  test("each rule catches a bad import", () => {
    const bad: Import[] = [
      { from: "views/x/page.tsx", to: "src/webapps/store", typeOnly: false },
      { from: "views/x/page.tsx", to: "src/db/schema/webapps", typeOnly: true },
      { from: "views/x/page.tsx", to: "src/approvals/actions", typeOnly: false },
      { from: "src/platforms/x/adapter.ts", to: "src/publishing/engine", typeOnly: false },
      { from: "src/webapps/routes.ts", to: "src/server/app", typeOnly: false },
      { from: "src/http/session.ts", to: "src/auth/sessions", typeOnly: true },
    ];
    expect(violations(bad)).toHaveLength(6);
    expect(
      folderCycles([bad[3]!, bad[4]!, { from: "src/publishing/engine.ts", to: "src/platforms/x/adapter", typeOnly: false }], new Set()),
    ).toEqual([["platforms", "publishing"]]);
    expect(
      folderCycles(
        [
          { from: "src/a/x.ts", to: "src/b/y", typeOnly: false },
          { from: "src/b/y.ts", to: "src/a/x", typeOnly: false },
        ],
        new Set(["b -> a"]),
      ),
    ).toEqual([]);
  });
});
