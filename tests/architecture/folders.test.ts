import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  architectureDoc,
  ENTRY_POINTS,
  folderOf,
  type Import,
  importsOf,
  layerRanks,
  ROOT,
  repositoryImports,
  upwardImports,
} from "./imports";

// The folder rules of docs/architecture.md, checked on the import statements of the source text.

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
    const platformFolder = /^src\/platforms\/([\w-]+)\//.exec(i.to + "/")?.[1];
    if (
      platformFolder &&
      i.to !== `src/platforms/${platformFolder}` &&
      !/^src\/platforms\/[\w-]+\//.test(i.from) &&
      i.from !== "src/platforms/registry.ts" &&
      !i.typeOnly
    )
      found.push(`${i.from} imports ${i.to}: a platform's folder is reached only through its entry in src/platforms/registry.ts`);
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

  test("a platform's folder is imported (at run time) only by platform folders and src/platforms/registry.ts", () => {
    expect(violations(imports.filter((i) => /^src\/platforms\/[\w-]+\//.test(i.to)))).toEqual([]);
  });

  test("http/ imports no domain", () => {
    expect(violations(imports.filter((i) => folderOf(i.from) === "http"))).toEqual([]);
  });

  test("nothing but the entry points imports the composition root src/server/", () => {
    expect(violations(imports.filter((i) => folderOf(i.to) === "server"))).toEqual([]);
  });

  test("no import loop between top-level folders, except the upward imports docs/architecture.md lists with a reason", () => {
    const allowed = allowedEdges(architectureDoc());
    expect(folderCycles(imports, allowed)).toEqual([]);
  });

  test("every folder of src/ has a place in the layers of docs/architecture.md", () => {
    const ranks = layerRanks(architectureDoc());
    const folders = readdirSync(join(ROOT, "src"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect([...folders, "views"].filter((f) => !ENTRY_POINTS.includes(f) && !ranks.has(f))).toEqual([]);
  });

  test("no more run-time imports run upward than docs/architecture.md counts (`bun run tests/architecture/upward.ts` lists them)", () => {
    const doc = architectureDoc();
    const section = doc.split(/^## /m).find((s) => s.startsWith("Upward imports")) ?? "";
    const documented = Number(/\*\*(\d+)\*\* run-time imports run upward/.exec(section)?.[1] ?? Number.NaN);
    const upward = upwardImports(imports, layerRanks(doc));
    expect(upward.length).toBeLessThanOrEqual(documented);
    // Each one is named in the section with its reason.
    for (const i of upward) expect(section).toContain(`\`${i.from}\` -> \`${i.to}\``);
  });

  test("the layer reader places folders in order, and an import to a higher folder counts as upward", () => {
    const doc =
      "## Layers, bottom to top\n\n1. **Pure**: `lib/`, `model/`.\n2. **Storage**: `db/` (types from `model/`).\n6. **Domains**, lower before higher: `users/`, `links/`.\n7. **Composition root**: `server/`.\n\n## Next\n`zzz/`\n";
    const ranks = layerRanks(doc);
    expect([...ranks.keys()]).toEqual(["lib", "model", "db", "users", "links", "server"]);
    expect(ranks.get("lib")).toBe(ranks.get("model")!);
    expect(ranks.get("users")!).toBeLessThan(ranks.get("links")!);
    const up: Import[] = [
      { from: "src/users/a.ts", to: "src/links/b", typeOnly: false },
      { from: "src/users/a.ts", to: "src/links/c", typeOnly: true },
      { from: "src/links/b.ts", to: "src/users/a", typeOnly: false },
      { from: "src/lib/x.ts", to: "src/model/y", typeOnly: false },
      { from: "src/cli/main.ts", to: "src/server/app", typeOnly: false },
    ];
    expect(upwardImports(up, ranks)).toEqual([up[0]!]);
  });

  test("each rule catches a bad import", () => {
    const bad: Import[] = [
      { from: "views/x/page.tsx", to: "src/webapps/store", typeOnly: false },
      { from: "views/x/page.tsx", to: "src/db/schema/webapps", typeOnly: true },
      { from: "views/x/page.tsx", to: "src/approvals/actions", typeOnly: false },
      { from: "src/platforms/x/adapter.ts", to: "src/publishing/engine", typeOnly: false },
      { from: "src/webapps/routes.ts", to: "src/server/app", typeOnly: false },
      { from: "src/http/session.ts", to: "src/auth/sessions", typeOnly: true },
      { from: "src/publishing/adapters.ts", to: "src/platforms/x/adapter", typeOnly: false },
    ];
    expect(violations(bad)).toHaveLength(7);
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
