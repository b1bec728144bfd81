import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isFailed, requestEvidence, writePost } from "../../../src/agents/creative";
import { sentences } from "../../../src/agents/creative/builtin/text";
import { writeBuiltinPost } from "../../../src/agents/creative/builtin/writer";
import { fragmentTag, hashtagCandidates, stopWordsFor } from "../../../src/agents/creative/hashtags";
import { hashtagWords, withoutAddresses } from "../../../src/agents/creative/provenance";
import type { PostDraft, Variant, WriteRequest } from "../../../src/agents/creative/types";
import { wordsKnown } from "../../../src/agents/research/evidence";
import type { ProductFacts } from "../../../src/agents/research/facts";
import { detectLanguage } from "../../../src/comments/language";
import type { PlatformId } from "../../../src/platforms/ids";
import { PLATFORM_RULES } from "../../../src/platforms/rules";
import { startResearchSites, type ResearchSites } from "../../sites/research-sites";
import { FixedAnswerGateway, NoProviderGateway } from "../fixtures";
import { researchedFacts } from "../researched-facts";

// One day's batch: the six platforms, and LinkedIn's B variant (seven posts, as a day with one experiment).
const BATCH: [PlatformId, Variant][] = [
  ["youtube", "A"],
  ["tiktok", "A"],
  ["instagram", "A"],
  ["facebook", "A"],
  ["x", "A"],
  ["linkedin", "A"],
  ["linkedin", "B"],
];
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04"];
const SITES: Record<string, string> = {
  hitop: "/hitop/",
  rdv: "/rendez-vous/",
  vorrat: "/vorrat/",
  cuaderno: "/cuaderno/",
  prenota: "/prenota/",
  cochez: "/cochez/",
  zeitplan: "/zeitplan/",
  planbord: "/planbord/",
  caixa: "/caixa/",
};

let sites: ResearchSites;
const facts: Record<string, ProductFacts> = {};

beforeAll(async () => {
  sites = startResearchSites();
  Object.assign(facts, await researchedFacts(sites, SITES));
});
afterAll(() => sites.stop());

function request(f: ProductFacts, localDate: string, platform: PlatformId, variant: Variant, o: Partial<WriteRequest> = {}): WriteRequest {
  return {
    appId: 3,
    localDate,
    platform,
    variant,
    facts: f,
    trends: [],
    callToAction: "",
    linkUrl: `${f.url}?utm_source=${platform}&utm_content=${localDate}-${variant}`,
    ...o,
  };
}

async function batch(f: ProductFacts, localDate: string, appId = 3): Promise<PostDraft[]> {
  const out: PostDraft[] = [];
  for (const [platform, variant] of BATCH) {
    const post = await writePost(new NoProviderGateway(), 1, request(f, localDate, platform, variant, { appId }));
    if (isFailed(post)) throw new Error(post.reason);
    out.push(post);
  }
  return out;
}

/** A post's sentences as a reader sees them: every line of the caption, links and the site's address taken out. */
function postSentences(p: PostDraft): string[] {
  return withoutAddresses(p.caption, p.linkUrl)
    .split("\n")
    .flatMap((line) => sentences(line.replace(/^[→•✅✨✔️]+\s*/u, "")))
    .map((s) => s.replace(/[\s→]+$/u, "").trim())
    .filter((s) => /\p{L}/u.test(s));
}

describe("three days of built-in posts read as different posts", () => {
  // Each site over three 3-day windows and two apps: the rotation must hold wherever the sequence starts, not on one lucky week.
  const windows: [number, string[]][] = [
    [3, DAYS],
    [5, ["2026-05-09", "2026-05-10", "2026-05-11"]],
    [12, ["2026-07-30", "2026-07-31", "2026-08-01"]],
  ];
  for (const key of ["hitop", "rdv", "vorrat", "cuaderno", "prenota", "caixa", "cochez", "zeitplan"])
    test(`${key}: 21 posts open 15+ ways, no sentence in more than two posts, every claim backed`, async () => {
      for (const [appId, days] of windows) {
        const posts = (await Promise.all(days.map((d) => batch(facts[key]!, d, appId)))).flat();
        expect(posts).toHaveLength(21);
        const openings = new Set(posts.map((p) => p.hook));
        expect(openings.size).toBeGreaterThanOrEqual(15);
        const inPosts = new Map<string, number>();
        for (const p of posts) for (const s of new Set(postSentences(p))) inPosts.set(s, (inPosts.get(s) ?? 0) + 1);
        const repeated = [...inPosts].filter(([, n]) => n > 2);
        expect(repeated).toEqual([]);
        for (const p of posts) {
          expect(p.unsupportedClaims).toEqual([]);
          expect(p.notes.filter((n) => n.startsWith("Removed"))).toEqual([]);
        }
      }
    });

  test("the site's description is said word for word by one post of a batch at most", async () => {
    for (const key of ["hitop", "rdv", "vorrat", "cuaderno", "prenota"]) {
      const first = sentences(facts[key]!.whatItDoes)[0]!;
      for (const d of DAYS) {
        const posts = await batch(facts[key]!, d);
        expect(posts.filter((p) => p.caption.includes(first)).length).toBeLessThanOrEqual(1);
      }
    }
  });

  test("a batch spreads its facts: its posts lead with different facts of several kinds, three days use every kind", async () => {
    const f = facts.hitop!;
    const days = await Promise.all(DAYS.map((d) => batch(f, d)));
    for (const posts of days) expect(new Set(posts.map((p) => p.hook)).size).toBe(7);
    // A number with its noun, the named testimonial, a true price with its plan, and a use scene are all said.
    const lines = days.flat().flatMap((p) => [p.hook, ...p.caption.split("\n")]);
    expect(lines.some((h) => h.includes("40,000 developers"))).toBe(true);
    expect(lines.some((h) => h.includes("“HITOP replaced three tools on my desk.”") && h.includes("Jane Roe"))).toBe(true);
    expect(lines.some((h) => /Pro \(20€ \/ month\)|Team \(\$49\/month\)|Free \(0 €\)/.test(h))).toBe(true);
    expect(lines.some((h) => /collections you can share|environments per project/i.test(h))).toBe(true);
    // The hooks alone lead with at least three kinds of fact.
    const hooks = days.flat().map((p) => p.hook);
    const kinds = [/40,000/, /“/, /\((?:0 €|20€ \/ month|\$49\/month)\)/].filter((re) => hooks.some((h) => re.test(h))).length;
    expect(kinds + (hooks.some((h) => !/40,000|“|\(.*[€$].*\)/.test(h)) ? 1 : 0)).toBeGreaterThanOrEqual(3);
    // A plan's limit is never said as everyone's: "Up to 10 team members" is not stated at all.
    expect(
      days
        .flat()
        .map((p) => p.caption)
        .join("\n"),
    ).not.toContain("team members");
  });
});

describe("posts are written in the site's language", () => {
  const plain = (p: PostDraft) => withoutAddresses(p.caption, p.linkUrl);
  for (const [key, lang] of [
    ["rdv", "fr"],
    ["cochez", "fr"],
    ["vorrat", "de"],
    ["zeitplan", "de"],
    ["cuaderno", "es"],
    ["prenota", "it"],
    ["caixa", "pt"],
    ["hitop", "en"],
  ] as const)
    test(`${key} gives posts the language detector reads as ${lang}`, async () => {
      for (const p of await batch(facts[key]!, DAYS[1]!)) {
        const text = plain(p);
        expect(detectLanguage(text, text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, ""))).toBe(lang);
        expect(p.notes.some((n) => n.includes("is in English"))).toBe(false);
      }
    });

  test("no English template words around French or German text", async () => {
    const english = /\b(?:the|with|what|here|try it|take a look|by the numbers|pricing|worth knowing|today's|meet)\b/i;
    for (const key of ["rdv", "cochez", "vorrat", "zeitplan"])
      for (const d of DAYS)
        for (const p of await batch(facts[key]!, d)) expect(withoutAddresses(p.caption, p.linkUrl)).not.toMatch(english);
  });

  test("a site in a language without a phrase table gets English posts and a notice on each", async () => {
    expect(facts.planbord!.language).toBe("nl");
    for (const p of await batch(facts.planbord!, DAYS[0]!)) {
      expect(p.notes.some((n) => n.includes("(nl)") && n.includes("is in English"))).toBe(true);
      expect(p.caption).toMatch(/\b(?:Try|Take|See|Have|Start|Find|Get|Read|Check|Give|More|Link|Visit|Everything)\b/);
    }
  });
});

describe("hashtags are words from the site", () => {
  test("every tag is the product's name or words the site uses, none a fragment or a filler, within each platform's useful count", async () => {
    for (const key of Object.keys(SITES)) {
      const f = facts[key]!;
      const ev = requestEvidence(request(f, DAYS[0]!, "x", "A"));
      const stop = stopWordsFor(f.language);
      for (const d of DAYS)
        for (const p of await batch(f, d)) {
          const [lo, hi] = PLATFORM_RULES[p.platform].hashtagsIdeal;
          expect(p.hashtags.length).toBeLessThanOrEqual(hi);
          if (hashtagCandidates(f).length >= lo) expect(p.hashtags.length).toBeGreaterThanOrEqual(lo);
          for (const tag of p.hashtags) {
            expect(fragmentTag(tag, f)).toBeUndefined();
            expect(wordsKnown(ev, hashtagWords(tag))).toBe(true);
            const words = hashtagWords(tag).split(" ");
            expect(stop.has(words[0]!.toLowerCase()) && !f.name.toLowerCase().includes(words[0]!.toLowerCase())).toBe(false);
          }
        }
    }
  });

  test("the failures that reached posts before are not tags: contractions split, stop words, fragments", () => {
    const f = facts.cochez!;
    expect(fragmentTag("CocheLes", f)).toContain('"Les"');
    expect(fragmentTag("YouReBack", facts.hitop!)).toBeDefined();
    expect(fragmentTag("Everyone", facts.hitop!)).toBeDefined();
    expect(fragmentTag("RéservationEnLigne", facts.rdv!)).toBeUndefined();
    expect(fragmentTag("RendezVous", facts.rdv!)).toBeUndefined();
    const tags = hashtagCandidates({ ...facts.hitop!, keywords: ["you're back", "everyone", "coche les", "api testing"] }).map(
      (c) => c.tag,
    );
    expect(tags).not.toContain("YouReBack");
    expect(tags).not.toContain("Everyone");
    expect(tags).not.toContain("CocheLes");
    expect(tags[0]).toBe("HITOP");
  });

  test("candidates keep their source words, so another ranking can pick among them", () => {
    const cands = hashtagCandidates(facts.vorrat!);
    expect(cands[0]).toEqual({ tag: "Vorrat", words: ["Vorrat"], source: "name" });
    for (const c of cands) expect(c.words.length).toBeGreaterThan(0);
    expect(cands.map((c) => c.tag)).toContain("Einkaufsliste");
  });
});

describe("regeneration", () => {
  test("each rewrite of a post is a different post, on every platform and language", () => {
    for (const key of ["hitop", "rdv", "vorrat", "cochez"])
      for (const [platform, variant] of BATCH) {
        const captions = [0, 1, 2, 3].map((revision) => {
          const p = writeBuiltinPost(request(facts[key]!, DAYS[0]!, platform, variant, { revision }));
          return `${p.hook}\n${p.body}`;
        });
        expect(new Set(captions).size).toBe(4);
      }
  });
});

describe("a model's post is held to the same rules", () => {
  test("the site's description copied word for word and fragment hashtags are taken out, with a note", async () => {
    const f = facts.rdv!;
    const description = sentences(f.whatItDoes)[0]!;
    const llm = new FixedAnswerGateway(() => ({
      title: "",
      hook: description,
      body: `${description} Synchronisation avec Google Agenda.`,
      callToAction: "Essayez",
      hashtags: ["CocheLes", "YouReBack", "Everyone", "Agenda", "RéservationEnLigne"],
      scenes: [
        { onScreenText: "Rendez-vous", voiceover: "Rendez-vous.", visual: "logo", seconds: 3 },
        { onScreenText: "Agenda", voiceover: "Synchronisation avec Google Agenda.", visual: "screenshot", seconds: 3 },
        { onScreenText: "Essayez", voiceover: "Essayez.", visual: "end card", seconds: 3 },
      ],
    }));
    const post = await writePost(llm, 1, request(f, DAYS[0]!, "facebook", "A"));
    if (isFailed(post)) throw new Error(post.reason);
    expect(post.caption).not.toContain(description);
    expect(post.caption).toContain("Synchronisation avec Google Agenda.");
    expect(post.hashtags).toEqual(["Agenda", "RéservationEnLigne"]);
    expect(post.notes.some((n) => n.includes("#CocheLes"))).toBe(true);
    expect(post.notes.some((n) => n.includes("description"))).toBe(true);
  });
});

describe("the call to action names only an address the audience can type", () => {
  test("a site on a loopback or private-only host gets no 'Try it at 127.0.0.1.'; a public name keeps its domain", async () => {
    const f = facts.hitop!;
    expect(new URL(f.url).hostname).toBe("127.0.0.1");
    for (const day of DAYS) {
      for (const post of await batch(f, day)) expect(post.caption).not.toMatch(/\bat 127\.0\.0\.1\b|: 127\.0\.0\.1\.|Visit 127/);
    }
    const named = { ...f, url: "https://hitop.app/" };
    // TikTok: no clickable link in the caption and no first comment, so the call to action names the address.
    const tiktok = await writePost(new NoProviderGateway(), 1, request(named, DAYS[0]!, "tiktok", "A"));
    if (isFailed(tiktok)) throw new Error(tiktok.reason);
    expect(tiktok.caption).toContain("hitop.app");
  });
});
