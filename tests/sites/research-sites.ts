import * as C from "./claims-pages";
import * as P from "./research-pages";
import * as W from "./writer-pages";

/** Local multi-page sites for the research agent (robots.txt, linked pages, feeds), on a random port. */
export interface ResearchSites {
  url(path: string): string;
  hits: Map<string, number>;
  stop(): void;
}

const ROUTES: Record<string, [string, string]> = {
  "/": [P.PANTRY_HOME, "text/html; charset=utf-8"],
  "/features": [P.PANTRY_FEATURES, "text/html; charset=utf-8"],
  "/pricing": [P.PANTRY_PRICING, "text/html; charset=utf-8"],
  "/about": [P.PANTRY_ABOUT, "text/html; charset=utf-8"],
  "/private/roadmap": [P.PANTRY_PRIVATE, "text/html; charset=utf-8"],
  "/robots.txt": [P.PANTRY_ROBOTS, "text/plain"],
  "/blog/atom.xml": [P.PANTRY_ATOM, "application/atom+xml"],
  "/news.rss": [P.PANTRY_RSS, "application/rss+xml"],
  "/ledgerly/": [P.LEDGERLY_HOME, "text/html"],
  "/hitop/": [C.HITOP_HOME, "text/html; charset=utf-8"],
  "/cochez/": [C.COCHEZ_HOME, "text/html; charset=utf-8"],
  "/zeitplan/": [C.ZEITPLAN_HOME, "text/html; charset=utf-8"],
  "/rendez-vous/": [W.RDV_FR, "text/html; charset=utf-8"],
  "/vorrat/": [W.VORRAT_DE, "text/html; charset=utf-8"],
  "/cuaderno/": [W.CUADERNO_ES, "text/html; charset=utf-8"],
  "/prenota/": [W.PRENOTA_IT, "text/html; charset=utf-8"],
  "/planbord/": [W.PLANBORD_NL, "text/html; charset=utf-8"],
  "/caixa/": [W.CAIXA_PT, "text/html; charset=utf-8"],
};

/** Starts the research sites on 127.0.0.1 with a random port. */
export function startResearchSites(): ResearchSites {
  const hits = new Map<string, number>();
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const path = new URL(req.url).pathname;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const route = ROUTES[path];
      if (!route) return new Response("<h1>Not found</h1>", { status: 404, headers: { "content-type": "text/html" } });
      return new Response(route[0], { headers: { "content-type": route[1] } });
    },
  });
  return { url: (p) => `http://127.0.0.1:${server.port}${p}`, hits, stop: () => server.stop(true) };
}
