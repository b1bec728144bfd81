/**
 * One pattern matching any of the phrases (regex sources written folded: lower-case, no accents) as whole words;
 * `atStart` anchors them to the start of the text or of a sentence.
 */
export function phrases(list: string[], atStart = false): RegExp {
  const before = atStart ? "(?:^|[.!?¿¡\\n]\\s*|[,;:]\\s+)" : "(?:^|[^\\p{L}\\p{N}])";
  return new RegExp(`${before}(?:${list.join("|")})(?![\\p{L}\\p{N}])`, "u");
}
