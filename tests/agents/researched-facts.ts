import { runResearch } from "../../src/agents/research";
import type { ProductFacts } from "../../src/agents/research/facts";
import type { ResearchSites } from "../sites/research-sites";
import { makeTestContext } from "../support/context";
import { seedApp } from "../pipeline/support";
import { NoProviderGateway } from "./fixtures";

/** Each test site's facts as the offline research reads them (a fresh context per site), by the key given for its path. */
export async function researchedFacts(sites: ResearchSites, paths: Record<string, string>): Promise<Record<string, ProductFacts>> {
  const facts: Record<string, ProductFacts> = {};
  for (const [key, path] of Object.entries(paths)) {
    const ctx = makeTestContext();
    try {
      const { webappId } = seedApp(ctx, { url: sites.url(path) });
      const target = {
        id: webappId,
        userId: 1,
        name: "",
        url: sites.url(path),
        description: "",
        audience: "",
        voice: "",
        keywords: [],
        feeds: [],
      };
      facts[key] = (await runResearch(ctx, new NoProviderGateway(), target)).facts;
    } finally {
      ctx.cleanup();
    }
  }
  return facts;
}
