import { afterEach, describe, expect, test } from "bun:test";
import { oauthProviders } from "../../src/connections/oauth";
import { PLATFORM_IDS } from "../../src/platforms/ids";
import { PLATFORMS, platformEntry } from "../../src/platforms/registry";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import { createAdapters } from "../../src/publishing/adapters";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext> | undefined;
afterEach(() => ctx?.cleanup());

/** The YAML that sets app credentials in one platform config section. */
function credentials(section: string): string {
  const id = section === "platform_tiktok" ? "client_key" : "client_id";
  return `${section}:\n  ${id}: "app-id"\n  client_secret: "app-secret"\n`;
}

describe("the platform list (src/platforms/registry.ts)", () => {
  test("every platform id has exactly one entry, in the order pages list them", () => {
    expect(PLATFORMS.map((p) => p.id)).toEqual([...PLATFORM_IDS]);
    for (const id of PLATFORM_IDS) expect(platformEntry(id).id).toBe(id);
  });

  test("each entry carries its own rules and label", () => {
    for (const p of PLATFORMS) {
      expect(p.rules).toBe(PLATFORM_RULES[p.id]);
      expect(p.label).toBe(PLATFORM_RULES[p.id].label);
      expect(p.limits.dailyCap).toBeGreaterThan(0);
    }
  });

  test("the publishing queue and the connect flow get one adapter and one OAuth flow per entry, each for its own platform", () => {
    ctx = makeTestContext();
    const adapters = createAdapters(ctx);
    const providers = oauthProviders(ctx);
    expect(Object.keys(adapters).sort()).toEqual([...PLATFORM_IDS].sort());
    expect(Object.keys(providers).sort()).toEqual([...PLATFORM_IDS].sort());
    for (const id of PLATFORM_IDS) {
      expect(adapters[id]!.id).toBe(id);
      expect(providers[id]!.platform).toBe(id);
    }
  });

  test("each entry's OAuth flow reads its platform's own config section (Instagram and Facebook share Meta's app)", () => {
    const sections = {
      platform_youtube: ["youtube"],
      platform_tiktok: ["tiktok"],
      platform_meta: ["instagram", "facebook"],
      platform_x: ["x"],
      platform_linkedin: ["linkedin"],
    };
    ctx = makeTestContext();
    const bare = oauthProviders(ctx);
    for (const id of PLATFORM_IDS) expect(bare[id]!.missingConfig()).not.toBe("");
    ctx.cleanup();
    expect(new Set<string>(PLATFORMS.map((p) => p.configSection))).toEqual(new Set(Object.keys(sections)));
    for (const [section, ids] of Object.entries(sections)) {
      ctx = makeTestContext({}, credentials(section));
      const providers = oauthProviders(ctx);
      const configured = PLATFORM_IDS.filter((id) => providers[id]!.missingConfig() === "");
      expect({ section, configured }).toEqual({ section, configured: ids as typeof configured });
      expect(PLATFORMS.filter((p) => p.configSection === section).map((p) => p.id)).toEqual(ids as typeof configured);
      ctx.cleanup();
    }
    ctx = undefined;
  });
});
