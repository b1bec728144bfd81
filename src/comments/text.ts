/** How much of a comment is analysed: enough for any real comment, small enough that a 1 MB paste costs the same as a long comment. */
export const MAX_ANALYSED_CHARS = 2000;

/** A comment made safe to analyse: `plain` keeps case and accents (for language), `folded` is lower-case without accents (for rules). */
export interface PreparedText {
  plain: string;
  folded: string;
  /** Links found in the text, lower-cased, without scheme or `www.` (e.g. `bit.ly/3xyz`). */
  links: string[];
}

// C0 controls except tab/newline, DEL, C1 controls, bidi overrides and isolates, zero-width characters and the BOM:
// none carries meaning in a comment, and spammers use the invisible ones to break up words.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
const TAG = /<\/?[a-zA-Z][^<>]{0,300}>/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#39);/g;
const MARKS = /\p{M}+/gu;
const SPACES = /\s+/g;
const APOSTROPHES = /[\u2018\u2019\u02BC`\u00B4]/g;

const TLDS =
  "com|net|org|io|app|dev|co|me|ly|gl|gg|to|tv|cc|us|uk|de|fr|es|it|pt|nl|ru|in|br|mx|ar|info|biz|online|site|store|shop|link|top|club|live|xyz|ee|be|ai";
// Bare domains count too (comments rarely keep the scheme); the path part is bounded so matching stays linear.
const LINK = new RegExp(
  `(?:https?://|www\\.)[^\\s<>"']{1,200}|\\b[a-z0-9][a-z0-9-]{0,62}(?:\\.[a-z0-9-]{1,63}){0,3}\\.(?:${TLDS})\\b(?:/[^\\s<>"']{0,200})?`,
  "g",
);

/** Removes invisible and control characters, HTML tags and the common entities, caps the length, and normalises to NFKC. */
export function cleanComment(raw: unknown): string {
  const text = typeof raw === "string" ? raw : "";
  // Cut before any regex runs (plus room for the tags removed), so every later step is bounded.
  const head = text.slice(0, MAX_ANALYSED_CHARS * 2);
  const cleaned = head
    .replace(INVISIBLE, "")
    .replace(TAG, " ")
    .replace(ENTITY, (_, name: string) => ENTITIES[name] ?? " ")
    // NFKC turns 𝐃𝐌 𝐦𝐞 and fullwidth letters, favourites of spam, into plain letters.
    .normalize("NFKC")
    .replace(SPACES, " ")
    .trim();
  return cleaned.slice(0, MAX_ANALYSED_CHARS);
}

/** Lower-case without accents: `Ça coûte combien` becomes `ca coute combien`, so rules are written once per word. */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(MARKS, "").replace(APOSTROPHES, "'").toLowerCase();
}

/** Prepares a raw comment (any value, any length) for the rules and the language detector. */
export function prepareComment(raw: unknown): PreparedText {
  const plain = cleanComment(raw);
  const folded = foldText(plain);
  const links = [...folded.matchAll(LINK)].map((m) => m[0].replace(/^https?:\/\//, "").replace(/^www\./, ""));
  return { plain, folded, links };
}

/** The comment without links, mentions and hashtags: what is left is the writer's own words (for language and word counts). */
export function wordsOnly(prepared: PreparedText): string {
  return prepared.plain
    .replace(/(?:https?:\/\/|www\.)\S{1,200}/gi, " ")
    .replace(/[@#][\p{L}\p{N}_.]{1,60}/gu, " ")
    .replace(SPACES, " ")
    .trim();
}

/**
 * A fingerprint for "the same text on another post": folded, letters and digits only, so `Great video!!` and `great video 👍`
 * match. Applying it to a fingerprint gives the same fingerprint, so callers may store fingerprints or raw texts.
 */
export function fingerprintComment(raw: unknown): string {
  return foldText(cleanComment(raw))
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
