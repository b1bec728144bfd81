import { describe, expect, test } from "bun:test";
import { ConfigError, describeConfigError, parseConfig } from "../../src/config/load";

function configError(yaml: string, env: Record<string, string>): ConfigError {
  try {
    parseConfig(yaml, "config.yaml", env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("the config was accepted");
}

describe("distributed.mode", () => {
  test("is single by default, with no PostgreSQL URL", () => {
    const c = parseConfig("", undefined, {});
    expect(c.distributed.mode).toBe("single");
    expect(c.distributed.postgres_url).toBe("");
  });

  test("distributed without a PostgreSQL URL refuses to start with one sentence naming the key and the fix", () => {
    const e = configError("distributed:\n  mode: distributed\n", {});
    expect(e.key).toBe("distributed.postgres_url");
    expect(e.line).toBe(2);
    expect(describeConfigError(e)).toContain("distributed.postgres_url is empty: set it (or AMARKTAI_POSTGRES_URL)");
    expect(configError("", { AMARKTAI_MODE: "distributed" }).key).toBe("distributed.postgres_url");
  });

  test("distributed with a URL from the environment loads; a URL that is not postgres:// is refused", () => {
    const c = parseConfig("distributed:\n  mode: distributed\n", "config.yaml", {
      AMARKTAI_POSTGRES_URL: "postgres://a:b@db:5432/amarktai",
    });
    expect(c.distributed.postgres_url).toBe("postgres://a:b@db:5432/amarktai");
    const e = configError("", { AMARKTAI_MODE: "distributed", AMARKTAI_POSTGRES_URL: "mysql://db/x" });
    expect(e.key).toBe("distributed.postgres_url");
    expect(e.message).toContain("a PostgreSQL URL");
  });

  test("a heartbeat window under pg-boss's 10 s is refused", () => {
    expect(configError("distributed:\n  heartbeat_seconds: 5\n", {}).key).toBe("distributed.heartbeat_seconds");
  });
});
