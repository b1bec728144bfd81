import { existsSync, readFileSync } from "node:fs";
import { LineCounter, isMap, isScalar, parseDocument, type Node } from "yaml";
import { ConfigValueError, type Option } from "./option";
import { schema, type Config } from "./schema";

/** A config problem that stops start-up (exit code 2): names the key, the file and the line. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const explicitKeys = new WeakMap<Config, Set<string>>();

/** True when a key ("server.public_base_url") was written in the config file or the environment rather than left at its default. */
export function setExplicitly(config: Config, dotted: string): boolean {
  return explicitKeys.get(config)?.has(dotted) ?? false;
}

/** Where the config came from, for `config:check` and logs. */
export interface LoadedConfig {
  config: Config;
  file?: string;
}

/** Finds the config file: --config PATH, else AMARKTAI_CONFIG, else ./config.yaml if present. */
export function findConfigFile(argv: string[], env: Record<string, string | undefined>): string | undefined {
  const i = argv.indexOf("--config");
  if (i >= 0) {
    const p = argv[i + 1];
    if (!p) throw new ConfigError("--config needs a file path", "--config");
    if (!existsSync(p)) throw new ConfigError(`config file ${p} does not exist`, "--config", p);
    return p;
  }
  const fromEnv = argv.find((a) => a.startsWith("--config="))?.slice(9) ?? env.AMARKTAI_CONFIG;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new ConfigError(`config file ${fromEnv} does not exist`, "AMARKTAI_CONFIG", fromEnv);
    return fromEnv;
  }
  return existsSync("config.yaml") ? "config.yaml" : undefined;
}

/** Reads YAML + env overrides + *_FILE secrets and validates them against the one schema. */
export function loadConfig(argv: string[] = process.argv, env: Record<string, string | undefined> = process.env): LoadedConfig {
  const file = findConfigFile(argv, env);
  return { config: parseConfig(file ? readFileSync(file, "utf8") : "", file, env), file };
}

/** Validates YAML text (may be empty) plus env overrides; throws ConfigError on the first problem. */
export function parseConfig(text: string, file: string | undefined, env: Record<string, string | undefined>): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const where = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`invalid YAML: ${e.message.split("\n")[0]}`, "(file)", file, e.linePos?.[0]?.line);
  }
  const root = doc.contents;
  if (root !== null && !isMap(root) && !(isScalar(root) && root.value === null)) {
    throw new ConfigError("the file must be a mapping of sections (server:, storage:, ...)", "(file)", file, where(root as Node));
  }
  const out: Record<string, Record<string, unknown>> = {};
  const explicit = new Set<string>();
  const lines = new Map<string, number | undefined>();
  const sections = schema as unknown as Record<string, Record<string, Option<unknown>>>;
  const yamlSections = new Map<string, { node: Node | null; line?: number }>();
  for (const pair of isMap(root) ? root.items : []) {
    const name = String((pair.key as Node & { value?: unknown })?.toString());
    const line = where(pair.key as Node);
    if (!(name in sections))
      throw new ConfigError(`unknown section "${name}" (known: ${Object.keys(sections).join(", ")})`, name, file, line);
    yamlSections.set(name, { node: pair.value as Node | null, line });
  }
  for (const [sectionName, options] of Object.entries(sections)) {
    const values: Record<string, unknown> = {};
    const found = yamlSections.get(sectionName);
    const yamlValues = new Map<string, { raw: unknown; line?: number }>();
    if (found && found.node && !(isScalar(found.node) && found.node.value === null)) {
      if (!isMap(found.node)) throw new ConfigError(`section "${sectionName}" must be a mapping of keys`, sectionName, file, found.line);
      for (const pair of found.node.items) {
        const key = String((pair.key as Node).toString());
        const line = where(pair.key as Node);
        if (!(key in options)) {
          throw new ConfigError(
            `unknown key "${sectionName}.${key}" (known: ${Object.keys(options).join(", ")})`,
            `${sectionName}.${key}`,
            file,
            line,
          );
        }
        const v = pair.value as Node | null;
        // A YAML number goes to the option as written, so that 0x10 or 1e3 is checked as the digits it is.
        const raw = isScalar(v) && typeof v.value === "number" && v.range ? text.slice(v.range[0], v.range[1]) : v?.toJSON();
        yamlValues.set(key, { raw, line: where(v) ?? line });
      }
    }
    for (const [key, opt] of Object.entries(options)) {
      const dotted = `${sectionName}.${key}`;
      const envName = `AMARKTAI_${sectionName}_${key}`.toUpperCase();
      let parsed: unknown = opt.default;
      // The file is checked as written even where the environment overrides it: a wrong value in it must not
      // lie hidden until the day the override is removed.
      if (yamlValues.has(key)) {
        const { raw, line } = yamlValues.get(key)!;
        parsed = raw === null || raw === undefined ? opt.default : opt.parse(raw);
        if (parsed instanceof ConfigValueError) throw new ConfigError(`${dotted}: ${parsed.message}`, dotted, file, line);
      }
      const fromEnv = readEnv(opt, envName, env);
      if (fromEnv) {
        parsed = opt.parse(fromEnv.value);
        if (parsed instanceof ConfigValueError)
          throw new ConfigError(`${dotted}: ${parsed.message} (from ${fromEnv.name})`, dotted, fromEnv.name);
      }
      if (yamlValues.has(key) || fromEnv) explicit.add(dotted);
      if (yamlValues.has(key)) lines.set(dotted, yamlValues.get(key)!.line);
      values[key] = parsed;
    }
    out[sectionName] = values;
  }
  checkAcrossKeys(out as Config, file, lines);
  explicitKeys.set(out as Config, explicit);
  return out as Config;
}

// Checks that name one key but depend on another; each option alone cannot see them.
function checkAcrossKeys(config: Config, file: string | undefined, lines: Map<string, number | undefined>): void {
  if (config.distributed.mode === "distributed" && config.distributed.postgres_url === "") {
    throw new ConfigError(
      "distributed.mode is distributed but distributed.postgres_url is empty: set it (or AMARKTAI_POSTGRES_URL) to the PostgreSQL database the processes share, or set distributed.mode to single",
      "distributed.postgres_url",
      file,
      lines.get("distributed.mode"),
    );
  }
  const { storage } = config;
  if (storage.driver === "s3") {
    const missing = (["s3_bucket", "s3_access_key_id", "s3_secret_access_key"] as const).find((k) => !storage[k]);
    if (missing)
      throw new ConfigError(
        `storage.${missing}: storage.driver is s3, so this must be set`,
        `storage.${missing}`,
        file,
        lines.get("storage.driver"),
      );
  }
  const { operator } = config;
  if (operator.enabled && !operator.plans.some((p) => p.id === operator.default_plan)) {
    const ids = operator.plans.map((p) => p.id).join(", ");
    throw new ConfigError(
      `operator.default_plan: "${operator.default_plan}" is not one of operator.plans (known: ${ids})`,
      "operator.default_plan",
      file,
      lines.get("operator.default_plan"),
    );
  }
}

function readEnv(opt: Option<unknown>, envName: string, env: Record<string, string | undefined>) {
  for (const name of [envName, ...(opt.env ?? [])]) {
    if (env[name] !== undefined && env[name] !== "") return { name, value: env[name] as string };
    const fileVar = `${name}_FILE`;
    if (opt.secret && env[fileVar]) {
      try {
        return { name: fileVar, value: readFileSync(env[fileVar] as string, "utf8").trim() };
      } catch {
        throw new ConfigError(`cannot read the file named by ${fileVar}: ${env[fileVar]}`, fileVar, env[fileVar]);
      }
    }
  }
  return undefined;
}

/** Formats a ConfigError as the one-line message printed before exit code 2. */
export function describeConfigError(e: ConfigError): string {
  const place = e.file ? ` (${e.file}${e.line ? `, line ${e.line}` : ""})` : "";
  return `config error: ${e.message}${place}`;
}
