import { describe, expect, test } from "bun:test";
import { ConfigError, parseConfig } from "../../src/config/load";

function configError(yaml: string, env: Record<string, string>): ConfigError {
  try {
    parseConfig(yaml, "config.yaml", env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("the config was accepted");
}

describe("the file is validated as written, then the environment applies", () => {
  test("an invalid server.port in the file stops start-up even when PORT is set", () => {
    const e = configError("server:\n  port: 99999999\n", { PORT: "3000" });
    expect(e.key).toBe("server.port");
    expect(e.file).toBe("config.yaml");
    expect(e.line).toBe(2);
  });

  test("a valid value in the file is still overridden by the environment", () => {
    expect(parseConfig("server:\n  port: 4000\n", "config.yaml", { PORT: "3000" }).server.port).toBe(3000);
    expect(parseConfig("server:\n  port: 4000\n", "config.yaml", {}).server.port).toBe(4000);
  });
});

describe("numbers are decimal", () => {
  test("hex, binary, exponent and infinity are refused for whole and decimal options, from the environment and the file", () => {
    for (const value of ["0x10", "0b11", "1e3", "Infinity", "12abc"]) {
      expect(configError("", { PORT: value }).key, value).toBe("server.port");
      expect(configError("", { AMARKTAI_LLM_MONTHLY_BUDGET_USD: value }).key, value).toBe("llm.monthly_budget_usd");
      expect(configError(`llm:\n  monthly_budget_usd: "${value}"\n`, {}).key, value).toBe("llm.monthly_budget_usd");
      expect(configError(`server:\n  port: ${value}\n`, {}).key, value).toBe("server.port");
    }
  });

  test("plain decimals are taken", () => {
    expect(parseConfig("", "config.yaml", { PORT: " 8080 " }).server.port).toBe(8080);
    expect(parseConfig("", "config.yaml", { AMARKTAI_LLM_MONTHLY_BUDGET_USD: "12.50" }).llm.monthly_budget_usd).toBe(12.5);
    expect(parseConfig("llm:\n  monthly_budget_usd: .5\n", "config.yaml", {}).llm.monthly_budget_usd).toBe(0.5);
  });
});

describe("operator.default_plan must name one of operator.plans", () => {
  test("an unknown default plan stops start-up in operator mode, naming the key and its line", () => {
    const e = configError("operator:\n  enabled: true\n  default_plan: gold\n", {});
    expect(e.key).toBe("operator.default_plan");
    expect(e.message).toContain('"gold" is not one of operator.plans (known: starter, pro');
    expect(e.line).toBe(3);
  });

  test("a known default plan loads, and operator mode off does not check it", () => {
    expect(parseConfig("operator:\n  enabled: true\n  default_plan: pro\n", "config.yaml", {}).operator.default_plan).toBe("pro");
    expect(parseConfig("operator:\n  default_plan: gold\n", "config.yaml", {}).operator.default_plan).toBe("gold");
  });
});
