import { stripControlChars } from "./control-chars";

/** How much of a comment the inbox shows before "more". */
export const COMMENT_PREVIEW_CHARS = 600;
/** The most of a comment the inbox shows at all (the rest is clipped with a note). */
export const COMMENT_MAX_CHARS = 10_000;

/** A piece of a comment to show: plain text, or a link reduced to its domain (never a live link). */
export type CommentPiece = { text: string } | { linkDomain: string };

const URL_LIKE =
  /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ly|co|me|app|xyz|info|biz|gg|tv|link|click|shop|site|online)(?:\/[^\s<>"']*)?/gi;

function domainOf(link: string): string {
  const bare = link.replace(/^https?:\/\//i, "").replace(/^www\./i, "");
  return (bare.split(/[/?#:]/, 1)[0] ?? "").toLowerCase().slice(0, 80) || "a link";
}

/**
 * Splits hostile comment text into pieces the view escapes: control and bidirectional-override characters (and
 * NUL) removed, links turned into their domain so nothing is followed or fetched, at most COMMENT_MAX_CHARS.
 */
export function commentPieces(raw: string, max = COMMENT_MAX_CHARS): { pieces: CommentPiece[]; clipped: number } {
  const clean = stripControlChars(raw);
  const text = clean.length > max ? clean.slice(0, max) : clean;
  const pieces: CommentPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(URL_LIKE)) {
    if (m.index > at) pieces.push({ text: text.slice(at, m.index) });
    pieces.push({ linkDomain: domainOf(m[0]) });
    at = m.index + m[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return { pieces, clipped: clean.length - text.length };
}

/** Splits pieces at `chars` characters of text: what shows at once and what hides behind "more". */
export function splitPieces(pieces: CommentPiece[], chars = COMMENT_PREVIEW_CHARS): [CommentPiece[], CommentPiece[]] {
  const head: CommentPiece[] = [];
  const tail: CommentPiece[] = [];
  let n = 0;
  for (const p of pieces) {
    const len = "text" in p ? p.text.length : p.linkDomain.length;
    if (n >= chars) tail.push(p);
    else if ("text" in p && n + len > chars) {
      head.push({ text: p.text.slice(0, chars - n) });
      tail.push({ text: p.text.slice(chars - n) });
    } else head.push(p);
    n += len;
  }
  return [head, tail];
}

/** An avatar address the inbox may show: https only (anything else is dropped, and we never fetch it ourselves). */
export function safeAvatarUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "https:") return undefined;
    // Only the platforms' own image hosts: an avatar URL from anywhere else would tell its owner who reads the inbox, and when.
    const host = u.hostname.toLowerCase();
    return AVATAR_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The image hosts the platforms serve profile pictures from (YouTube/Google, Meta, X, LinkedIn, TikTok). */
const AVATAR_HOSTS = [
  "ggpht.com",
  "googleusercontent.com",
  "ytimg.com",
  "fbcdn.net",
  "cdninstagram.com",
  "twimg.com",
  "licdn.com",
  "tiktokcdn.com",
];
