import type { ProductFacts } from "../../research/facts";
import type { FactKind, Phrases } from "./lang/types";
import { asPhrase } from "./text";

/** One concrete thing a post can be built around, in the site's words: {x} of a phrase template, with who said it for a quote. */
export interface ConcreteFact {
  kind: FactKind;
  x: string;
  who: string;
  person: string;
}

const MAX_FACT = 140;
const YEAR = /^(?:19|20)\d\d$/;
const ADDRESS = /©|\b(?:street|st\.|road|avenue|rue|straße|strasse|calle|via|rua)\b/iu;
const LEGACY_QUOTE = /^["“«„]\s*(.+?)\s*["”»“]\s*[—–-]\s*(.+)$/u;

/** Lower-cases a sentence's first letter for use after a colon, unless the language keeps noun capitals or it starts a name. */
export function afterColon(s: string, p: Phrases): string {
  const t = asPhrase(s);
  if (p.keepCase) return t;
  const [first = "", second = ""] = t.split(" ");
  const ordinary = /^\p{Lu}[\p{Ll}'-]*[,:]?$/u.test(first) && !/^\p{Lu}/u.test(second);
  return ordinary ? first[0]!.toLowerCase() + t.slice(1) : t;
}

/** Numbers with their nouns; a feature that holds a number ("Responses under 2 MB") stays a feature, said as one. */
function numberFacts(facts: ProductFacts, p: Phrases): ConcreteFact[] {
  const features = new Set(facts.features.map((f) => asPhrase(f).toLowerCase()));
  const structured = facts.proof?.filter((x) => !YEAR.test(x.number) && !ADDRESS.test(x.sentence)).map((x) => x.sentence);
  const sentences = structured ?? facts.proofPoints.filter((s) => /\d/.test(s) && !LEGACY_QUOTE.test(s));
  return [...new Set(sentences)]
    .filter((s) => s.length <= MAX_FACT && !ADDRESS.test(s) && !features.has(asPhrase(s).toLowerCase()))
    .map((s) => ({ kind: "number" as const, x: afterColon(s, p), who: "", person: "" }));
}

function quoteFacts(facts: ProductFacts): ConcreteFact[] {
  const clean = (q: string) => q.replace(/^["“”«»„'\s]+|["“”«»„'\s]+$/gu, "").trim();
  if (facts.testimonials)
    return facts.testimonials
      .filter((t) => t.person && t.quote.length <= 220)
      .map((t) => ({ kind: "quote" as const, x: clean(t.quote), who: t.role ? `${t.person}, ${t.role}` : t.person, person: t.person }));
  return facts.proofPoints.flatMap((s) => {
    const m = s.match(LEGACY_QUOTE);
    if (!m) return [];
    const who = m[2]!.trim();
    return [{ kind: "quote" as const, x: clean(m[1]!), who, person: who.split(",")[0]!.trim() }];
  });
}

function priceFacts(facts: ProductFacts): ConcreteFact[] {
  const plans = (facts.plans ?? []).filter((pl) => pl.price && (pl.currency || pl.amount === "0"));
  if (plans.length === 0) return facts.pricing.map((x) => ({ kind: "price" as const, x: asPhrase(x), who: "", person: "" }));
  return plans.map((pl) => ({
    kind: "price" as const,
    x: pl.name && pl.name !== pl.price ? `${pl.name} (${pl.price})` : pl.price,
    who: "",
    person: "",
  }));
}

/** Features, then what a named plan includes (said with its plan, so a plan's item is never sold as everyone's). */
function sceneFacts(facts: ProductFacts, p: Phrases): ConcreteFact[] {
  const seen = new Set<string>();
  const out: ConcreteFact[] = [];
  const add = (x: string) => {
    const key = x.toLowerCase();
    if (seen.has(key) || x.length > MAX_FACT) return;
    seen.add(key);
    out.push({ kind: "scene", x, who: "", person: "" });
  };
  for (const f of facts.features) add(afterColon(f, p));
  // A table's "Lists: unlimited" reads badly after a colon of ours; a ticked row's label reads well.
  for (const pl of facts.plans ?? [])
    for (const inc of pl.includes.slice(0, 2))
      if (pl.name && !inc.includes(":") && !seen.has(afterColon(inc, p).toLowerCase())) add(`${afterColon(inc, p)} (${pl.name})`);
  return out;
}

/**
 * The concrete facts a batch spreads over its posts, interleaved by kind (a number, a quote, a price, a scene, ...)
 * so neighbouring posts lead with different kinds of fact.
 */
export function concreteFacts(facts: ProductFacts, p: Phrases): ConcreteFact[] {
  const lists = [numberFacts(facts, p), quoteFacts(facts), priceFacts(facts), sceneFacts(facts, p)];
  const out: ConcreteFact[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}
