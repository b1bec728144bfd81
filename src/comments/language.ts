import { eld } from "eld/small";

/** The language given when there are too few letters to tell (emoji only, a link, "ok"): BCP 47's "undetermined". */
export const UNDETERMINED = "und";

// Short comments defeat n-gram statistics ("Genial" reads as Turkish); these everyday words settle the common languages.
const HINTS: [string, RegExp][] = [
  ["en", /\b(?:the|is|it|this|and|you|love|thanks|great|how|what|app|please|pls|awesome|nice|my|lol|so|ur|hi|from|here|just|for|of|to)\b/g],
  ["fr", /\b(?:le|la|les|est|c'est|et|pour|merci|trop|tres|je|tu|vous|pas|appli|ca|genial|bravo)\b/g],
  ["de", /\b(?:der|die|das|ist|und|nicht|ich|du|danke|mit|auch|geil|toll|gibt|schau|mal)\b/g],
  ["es", /\b(?:el|los|las|es|y|que|por|gracias|muy|mira|esto|encanta|genial|lo|para|con|mi|tu)\b/g],
  ["pt", /\b(?:muito|obrigad[oa]|voce|nao|parabens|legal|isso)\b/g],
  ["it", /\b(?:molto|grazie|bellissim[ao]|complimenti|questo|anche|della)\b/g],
];

function hintedLanguage(folded: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const [code, re] of HINTS) {
    const count = folded.match(re)?.length ?? 0;
    if (count > bestCount) [best, bestCount] = [code, count];
    else if (count === bestCount) best = undefined;
  }
  return best;
}

/**
 * The ISO 639-1 code of the comment's language, from the ELD n-gram detector (shipped in the eld package, runs offline),
 * with word hints when the text is too short for it to be sure; "und" when nothing can be told.
 */
export function detectLanguage(words: string, folded: string): string {
  if ((words.match(/\p{L}/gu)?.length ?? 0) < 3) return UNDETERMINED;
  const result = eld.detect(words);
  if (result.language && result.isReliable()) return result.language;
  return hintedLanguage(folded) ?? (result.language || UNDETERMINED);
}
