import { checkSentence, evidenceFor } from "../agents/creative/claims";
import { contentWords } from "../agents/research/evidence";
import type { ProductFacts } from "../agents/research/facts";
import type { AppContext } from "../app/context";
import { type CommentRow, type InboxRow, latestFactsOf } from "./store";

// Refunds, bugs and accounts need a person who can look at the case: never a canned promise.
const NEEDS_PERSON =
  /\b(refund|money back|charged|charge|billing|invoice|bug|crash\w*|broken|error|not working|doesn'?t work|account|password|log ?in|sign ?in|hacked|cancel\w*|reembolso|cobro|cuenta|contraseña|no funciona|remboursement|compte|mot de passe|bogue|ne marche pas|rückerstattung|erstattung|konto|passwort|fehler|funktioniert nicht|abgestürzt|reembolso|conta|senha|não funciona)\b/i;

type Kind = "question" | "complaint" | "praise" | "person";

// The fixed frames around a reply, per language (English when the comment's language has none here).
const FRAMES: Record<string, Record<Kind, (x: { fact?: string; site: string }) => string>> = {
  en: {
    question: (x) =>
      x.fact ? `Thanks for asking! ${x.fact} More on ${x.site}.` : `Good question! The details are on ${x.site}; we will answer here too.`,
    complaint: (x) => `Sorry this was not a good experience. Tell us more and we will look into it: ${x.site}.`,
    praise: () => "Thank you, that means a lot to us!",
    person: (x) =>
      `Sorry about this! A person from our team needs to look at it: please contact us through ${x.site} so we can help with your case.`,
  },
  es: {
    question: (x) =>
      x.fact
        ? `¡Gracias por preguntar! ${x.fact} Más en ${x.site}.`
        : `¡Buena pregunta! Los detalles están en ${x.site}; también responderemos aquí.`,
    complaint: (x) => `Sentimos que no haya sido una buena experiencia. Cuéntanos más y lo revisamos: ${x.site}.`,
    praise: () => "¡Gracias, significa mucho para nosotros!",
    person: (x) =>
      `¡Lo sentimos! Una persona de nuestro equipo debe revisarlo: contáctanos a través de ${x.site} para ayudarte con tu caso.`,
  },
  fr: {
    question: (x) =>
      x.fact
        ? `Merci pour la question ! ${x.fact} Plus d'infos sur ${x.site}.`
        : `Bonne question ! Les détails sont sur ${x.site} ; nous répondrons aussi ici.`,
    complaint: (x) => `Désolés que l'expérience n'ait pas été bonne. Dites-nous en plus et nous regardons : ${x.site}.`,
    praise: () => "Merci, cela nous touche beaucoup !",
    person: (x) =>
      `Désolés ! Une personne de notre équipe doit regarder cela : contactez-nous via ${x.site} pour que nous puissions vous aider.`,
  },
  de: {
    question: (x) =>
      x.fact
        ? `Danke für die Frage! ${x.fact} Mehr auf ${x.site}.`
        : `Gute Frage! Die Details stehen auf ${x.site}; wir antworten auch hier.`,
    complaint: (x) => `Das tut uns leid. Erzähl uns mehr, dann schauen wir es uns an: ${x.site}.`,
    praise: () => "Danke, das freut uns sehr!",
    person: (x) =>
      `Das tut uns leid! Jemand aus unserem Team muss sich das ansehen: Bitte kontaktiere uns über ${x.site}, damit wir dir helfen können.`,
  },
  pt: {
    question: (x) =>
      x.fact
        ? `Obrigado pela pergunta! ${x.fact} Mais em ${x.site}.`
        : `Boa pergunta! Os detalhes estão em ${x.site}; também responderemos aqui.`,
    complaint: (x) => `Lamentamos que a experiência não tenha sido boa. Conte-nos mais e vamos verificar: ${x.site}.`,
    praise: () => "Obrigado, isso significa muito para nós!",
    person: (x) => `Lamentamos! Uma pessoa da nossa equipe precisa ver isso: fale conosco através de ${x.site} para ajudarmos no seu caso.`,
  },
};

/** Which reply a comment gets: a person for refunds, bugs and accounts; else by its labels; none for the rest. */
export function replyKind(c: Pick<CommentRow, "text" | "labels">): Kind | undefined {
  if (NEEDS_PERSON.test(c.text)) return "person";
  if (c.labels.includes("complaint")) return "complaint";
  if (c.labels.includes("question")) return "question";
  if (c.labels.includes("praise")) return "praise";
  return undefined;
}

/** The site's sentence that answers the question best (most shared content words), if it passes the claims check. */
function answeringFact(question: string, facts: ProductFacts): string | undefined {
  const want = new Set(contentWords(question));
  const candidates = [facts.whatItDoes, ...facts.features, ...facts.pricing, ...(facts.snippets ?? []).map((s) => s.text)].filter(
    (s) => s && s.length <= 240,
  );
  let best: { text: string; score: number } | undefined;
  for (const text of candidates) {
    const score = contentWords(text).filter((w) => want.has(w)).length;
    if (score > 0 && (!best || score > best.score)) best = { text, score };
  }
  if (!best) return undefined;
  const sentence = /[.!?]$/.test(best.text.trim()) ? best.text.trim() : `${best.text.trim()}.`;
  // The same check as a post's copy: a sentence with a claim the site does not support is never offered.
  return checkSentence(sentence, evidenceFor(facts)).problems.length === 0 ? sentence : undefined;
}

/**
 * A drafted reply in the comment's language for questions, complaints and praise, from the web app's research
 * facts (only sentences the claims check passes); anything about refunds, bugs or accounts gets a "needs a
 * person" reply pointing to the site. Undefined when the comment needs no reply.
 */
export function draftReply(
  c: Pick<CommentRow, "text" | "labels" | "language">,
  facts: ProductFacts | undefined,
  siteUrl: string,
): string | undefined {
  const kind = replyKind(c);
  if (!kind) return undefined;
  const frames = FRAMES[c.language] ?? FRAMES.en!;
  const site = siteUrl.replace(/^https?:\/\//, "").replace(/\/$/, "");
  const fact = kind === "question" && facts ? answeringFact(c.text, facts) : undefined;
  return frames[kind]({ fact, site });
}

/** Drafts for the inbox's open comments, the web app's facts read once per web app. */
export function draftsFor(ctx: AppContext, rows: InboxRow[]): Map<number, string> {
  const facts = new Map<number, ProductFacts | undefined>();
  const out = new Map<number, string>();
  for (const r of rows) {
    const c = r.comment;
    if (c.state !== "needs_reply" && c.state !== "new") continue;
    if (r.replyPhase === "confirmed" || r.replyPhase === "send_sent") continue;
    if (!facts.has(c.webappId)) facts.set(c.webappId, latestFactsOf(ctx.db, c.webappId) as ProductFacts | undefined);
    const f = facts.get(c.webappId);
    const d = draftReply(c, f, f?.url || r.webappUrl);
    if (d) out.set(c.id, d);
  }
  return out;
}
