/** The product name and how to say it, from the app's "say the name as" field. */
export interface NameSaying {
  name: string;
  sayAs: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The line as the voice should say it: every occurrence of the product name replaced by its spelling for the ear. */
export function sayNameAs(text: string, saying: NameSaying | undefined): string {
  const name = saying?.name.trim();
  const as = saying?.sayAs.trim();
  if (!name || !as || name === as) return text;
  // Letters or digits either side mean another word that merely contains the name ("Notely" inside "Notelyfied").
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "giu"), as);
}

// Common verbs and auxiliaries of the languages we write in: a short line with one of them is already a sentence.
const VERBS = new Set(
  (
    "is are was were be been has have had can could will would do does did get gets make makes let lets keep keeps works work " +
    "helps help saves save runs run syncs sync needs need takes take gives give goes go stays stay try see " +
    "est sont ont fait peut marche fonctionne garde " +
    "ist sind hat haben kann macht läuft funktioniert bleibt " +
    "es son tiene tienen puede hace funciona " +
    "é são tem têm pode faz funciona fica " +
    "è sono ha hanno può fa funziona resta"
  ).split(" "),
);

function words(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu) ?? [];
}

/** True for a bullet label such as "Offline first.": three words at most and no verb. */
export function isBareLabel(line: string): boolean {
  const w = words(line);
  return w.length > 0 && w.length <= 3 && !w.some((x) => VERBS.has(x));
}

/** The sentences of a text (the post's caption, a screen line), each trimmed. */
function sentencesOf(text: string): string[] {
  return (
    text
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      // Addresses, hashtags and mentions read badly aloud: such a sentence is not offered to the voice.
      .filter((s) => s && !/https?:\/\/|www\.|[#@]\p{L}|\b[\p{L}\d-]+\.(com|app|io|net|org|dev|co)\b/iu.test(s))
  );
}

/**
 * The lines the voiceover speaks: each scene's own line, except that a bare label is replaced by a full sentence
 * that says the same thing (contains all its words) from the scene's screen text or the post's text, when there is one
 * not spoken by another scene.
 */
export function sentencesToSpeak(scenes: { voiceover: string; onScreenText: string }[], postText: string): string[] {
  const spoken = new Set(scenes.map((s) => s.voiceover.trim().toLowerCase()));
  return scenes.map((s) => {
    if (!isBareLabel(s.voiceover)) return s.voiceover;
    const need = words(s.voiceover);
    const found = [...sentencesOf(s.onScreenText), ...sentencesOf(postText)].find((c) => {
      const have = new Set(words(c));
      return have.size <= 30 && !isBareLabel(c) && need.every((x) => have.has(x)) && !spoken.has(c.toLowerCase());
    });
    if (!found) return s.voiceover;
    spoken.add(found.toLowerCase());
    return found;
  });
}
