import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, parseConfig } from "../../src/config/load";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("llm config section", () => {
  test("defaults: no providers (built-in writer only) and a $10 monthly budget", () => {
    const c = parseConfig("", undefined, {});
    expect(c.llm.providers).toEqual([]);
    expect(c.llm.monthly_budget_usd).toBe(10);
  });

  test("the blueprint's order: Grok primary, Claude fallback, a premium model; base URLs default per kind", () => {
    const dir = mkdtempSync(join(tmpdir(), "llm-cfg-"));
    dirs.push(dir);
    writeFileSync(join(dir, "claude.key"), "sk-ant-from-file\n");
    const yaml = `llm:
  monthly_budget_usd: 25
  providers:
    - name: grok
      kind: openai
      model: grok-4
      api_key: xai-123
      base_url: https://api.x.ai/v1/
      price_in_per_million: 3
      price_out_per_million: 15
    - name: claude
      kind: anthropic
      model: claude-sonnet-5
      api_key_file: ${join(dir, "claude.key")}
    - kind: anthropic
      model: claude-opus-5
      api_key: k
      tier: premium
`;
    const c = parseConfig(yaml, "config.yaml", {});
    expect(c.llm.monthly_budget_usd).toBe(25);
    expect(c.llm.providers.map((p) => [p.name, p.kind, p.baseUrl, p.tier])).toEqual([
      ["grok", "openai", "https://api.x.ai/v1", "standard"],
      ["claude", "anthropic", "https://api.anthropic.com", "standard"],
      ["anthropic-3", "anthropic", "https://api.anthropic.com", "premium"],
    ]);
    expect(c.llm.providers[1]!.apiKey).toBe("sk-ant-from-file");
    expect(c.llm.providers[0]).toMatchObject({ timeoutMs: 60_000, maxRetries: 2, priceInPerMillion: 3, priceOutPerMillion: 15 });
  });

  test("an Ollama entry needs no key and defaults to the local server", () => {
    const c = parseConfig("llm:\n  providers:\n    - kind: ollama\n      model: llama3.2\n", undefined, {});
    expect(c.llm.providers[0]).toMatchObject({ baseUrl: "http://127.0.0.1:11434", apiKey: "" });
  });

  test("providers can come from the environment as JSON", () => {
    const c = parseConfig("", undefined, {
      AMARKTAI_LLM_PROVIDERS: JSON.stringify([{ kind: "openai", model: "gpt-5-mini", api_key: "sk" }]),
    });
    expect(c.llm.providers[0]).toMatchObject({ kind: "openai", baseUrl: "https://api.openai.com/v1" });
  });

  for (const [entry, message] of [
    ["kind: gemini\n      model: x", "item 1: kind: expected one of openai, anthropic, ollama"],
    ["kind: openai\n      model: x", "item 1: api_key (or api_key_file) is required for kind openai"],
    ["kind: openai\n      api_key: k", "item 1: model is required"],
    ["kind: openai\n      model: x\n      api_key: k\n      max_retries: 99", "item 1: max_retries: expected a number between 0 and 10"],
    ["kind: openai\n      model: x\n      api_key: k\n      base_url: ftp://x", "item 1: base_url: expected an http:// or https:// URL"],
    ["kind: openai\n      model: x\n      api_key: k\n      tier: gold", "item 1: tier: expected standard or premium"],
    ["kind: openai\n      model: x\n      api_key: k\n      modle: y", 'item 1: unknown key "modle"'],
    ["kind: anthropic\n      model: x\n      api_key_file: /nonexistent/key", "item 1: api_key_file: cannot read /nonexistent/key"],
  ] as const) {
    test(`a bad entry names the key and the line: ${message}`, () => {
      const yaml = `llm:\n  providers:\n    - ${entry}\n`;
      let err: unknown;
      try {
        parseConfig(yaml, "config.yaml", {});
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toContain(`llm.providers: ${message}`);
      expect((err as ConfigError).line).toBe(3);
    });
  }
});
