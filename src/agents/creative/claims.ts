import {
  bestOverlap,
  buildEvidence,
  contentWords,
  findNumber,
  findPhrase,
  indirectTestimonial,
  normalize,
  numberClaims,
  quotes,
  termClaims,
  type ClaimKind,
  type Evidence,
  type Snippet,
} from "../research/evidence";
import type { ProductFacts } from "../research/facts";
import { displayDomain, sentences } from "./builtin/text";

/** What is wrong with one claim of a sentence; `invented` when nothing on the site comes near it (the sentence goes). */
export interface ClaimProblem {
  kind: ClaimKind;
  reason: string;
  invented: boolean;
}

/** A sentence's check: its problems and the snippet it rests on (when one does). */
export interface SentenceCheck {
  problems: ClaimProblem[];
  source: Snippet | undefined;
}

const KIND_LABEL: Record<ClaimKind, string> = {
  number: "a number",
  superlative: "a superlative",
  ranking: "a ranking",
  award: "an award",
  endorsement: "an endorsement",
  certification: "a certification or compliance claim",
  testimonial: "a testimonial",
  discount: "a discount",
  scarcity: "a scarcity claim",
  guarantee: "a guarantee",
};

/**
 * Checks one sentence against the site's sentences: every number needs the same value with its unit or noun in
 * one source sentence; superlatives, rankings, awards, endorsements, certifications, discounts, scarcity and
 * guarantees need their phrase on the site; a quote needs the site's exact words; a testimonial needs its person.
 */
export function checkSentence(raw: string, ev: Evidence): SentenceCheck {
  const sentence = ev.ignore.reduce((s, a) => s.split(a).join(" "), raw);
  const text = normalize(sentence);
  const problems: ClaimProblem[] = [];
  const used: number[] = [];
  for (const n of numberClaims(text)) {
    const i = findNumber(ev, n);
    if (i >= 0) used.push(i);
    else if (ev.values.has(n.value))
      problems.push({
        kind: "number",
        reason: `the number ${n.raw}${n.nouns[0] ? ` with "${n.nouns[0]}"` : ""} (the site gives it for something else)`,
        invented: false,
      });
    else problems.push({ kind: "number", reason: `the number ${n.raw}`, invented: true });
  }
  for (const t of termClaims(text)) {
    const i = findPhrase(ev, t.term);
    if (i >= 0) used.push(i);
    else problems.push({ kind: t.kind, reason: `"${t.term}"`, invented: true });
  }
  const qs = quotes(sentence);
  for (const q of qs) {
    const bare = q.replace(/[.,!?;:…]+$/u, "").trim();
    const i = findPhrase(ev, bare);
    if (i >= 0) used.push(i);
    else if (bestOverlap(ev, bare, 0.75) >= 0)
      problems.push({ kind: "testimonial", reason: `the quote "${q}" (not the site's exact words)`, invented: false });
    else problems.push({ kind: "testimonial", reason: `the quote "${q}"`, invented: true });
  }
  const indirect = qs.length === 0 ? indirectTestimonial(sentence) : undefined;
  if (indirect) {
    const i = indirect.person ? findPhrase(ev, indirect.person) : -1;
    // The person is on the site; what the sentence has them say must be too ("Jane ... calls it a lifesaver").
    const said = sentence.replace(indirect.phrase, " ");
    if (i >= 0 && (contentWords(said).length === 0 || bestOverlap(ev, said) >= 0)) used.push(i);
    else if (i >= 0)
      problems.push({
        kind: "testimonial",
        reason: `the testimonial "${indirect.phrase}" (the site does not quote them saying this)`,
        invented: false,
      });
    else problems.push({ kind: "testimonial", reason: `the testimonial "${indirect.phrase}"`, invented: true });
  }
  const at = used[0] ?? (problems.length === 0 ? bestOverlap(ev, sentence) : -1);
  return { problems, source: at >= 0 ? ev.snippets[at] : undefined };
}

/** The snippets a post may lean on: the site's sentences, the facts themselves, and extra owner/feed text. */
export function factSnippets(facts: ProductFacts, extra: Snippet[] = []): Snippet[] {
  const own = (text: string): Snippet => ({ url: facts.url, text });
  const fromFacts = [facts.name, facts.whatItDoes, facts.audience, ...facts.features, ...facts.proofPoints, ...facts.pricing]
    .concat(facts.keywords.length > 0 ? [facts.keywords.join(", ")] : [])
    .filter((t) => t.trim() !== "")
    .map(own);
  return [...(facts.snippets ?? []), ...fromFacts, ...extra.filter((s) => s.text.trim() !== "")];
}

const cache = new WeakMap<ProductFacts, Map<string, Evidence>>();

/** The evidence index for a product's facts plus extra text, built once per facts object and extras. */
export function evidenceFor(facts: ProductFacts, extra: Snippet[] = []): Evidence {
  const key = JSON.stringify(extra);
  let byExtra = cache.get(facts);
  if (!byExtra) cache.set(facts, (byExtra = new Map()));
  let ev = byExtra.get(key);
  if (!ev) byExtra.set(key, (ev = buildEvidence(factSnippets(facts, extra), [displayDomain(facts.url)])));
  return ev;
}

/** Everything the copy may lean on as one text, a sentence a line (for checks outside a post). */
export function allowedText(facts: ProductFacts, extra: string[] = []): string {
  return factSnippets(
    facts,
    extra.map((text) => ({ url: facts.url, text })),
  )
    .map((s) => s.text.replace(/\n/g, " "))
    .join("\n");
}

const textEvidence = new Map<string, Evidence>();

function evidenceOfText(allowed: string): Evidence {
  let ev = textEvidence.get(allowed);
  if (!ev) {
    if (textEvidence.size > 32) textEvidence.clear();
    textEvidence.set(allowed, (ev = buildEvidence(allowed.split("\n").map((text) => ({ url: "", text })))));
  }
  return ev;
}

/** The unsupported claims of one sentence against an allowedText(); empty when clean. */
export function unsupportedClaims(sentence: string, allowed: string | Evidence): string[] {
  const ev = typeof allowed === "string" ? evidenceOfText(allowed) : allowed;
  return checkSentence(sentence, ev).problems.map((p) => p.reason);
}

/** A claim left in a post for a person to decide on: the sentence and why it is not backed by the site. */
export interface UnsupportedClaim {
  text: string;
  reason: string;
}

/** Removes every sentence (or list line) with an invented claim; sentences whose claims only miss their context stay, listed in `flagged`. */
export function dropUnsupported(
  text: string,
  allowed: string | Evidence,
  where: string,
  flagged: UnsupportedClaim[] = [],
): { text: string; notes: string[] } {
  const ev = typeof allowed === "string" ? evidenceOfText(allowed) : allowed;
  const notes: string[] = [];
  const lines = text.split("\n").map((line) => {
    const kept = sentences(line).filter((s) => {
      const { problems } = checkSentence(s, ev);
      if (problems.some((p) => p.invented)) {
        notes.push(`Removed from the ${where}: "${s}" (${problems.map((p) => p.reason).join(", ")} not found on the site).`);
        return false;
      }
      if (problems.length > 0) flagged.push({ text: s, reason: reasonText(problems) });
      return true;
    });
    return line.trim() === "" ? "" : kept.join(" ");
  });
  const joined = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text: joined, notes };
}

/** The reason a person reads beside a flagged sentence. */
export function reasonText(problems: ClaimProblem[]): string {
  return `${problems.map((p) => `${KIND_LABEL[p.kind]}, ${p.reason}`).join("; ")}: no sentence on the site supports it`;
}
