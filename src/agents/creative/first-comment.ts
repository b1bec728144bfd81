import type { PlatformId } from "../../platforms/ids";
import { fill, phrasesFor } from "./builtin/lang";
import { asPhrase, dayNumber } from "./builtin/text";
import { wantsNumbering } from "./thread";
import type { PostParts, WriteRequest } from "./types";

const URL_RE = /https?:\/\/\S+/g;

/**
 * Where a post's link goes: in its first comment on Instagram (links in captions are not clickable there) and on
 * LinkedIn when the app asks for it (posts without a link are shown to more people); in the post everywhere else.
 */
export function linkInFirstComment(platform: PlatformId, linkedinLinkInComment = false): boolean {
  return platform === "instagram" || (platform === "linkedin" && linkedinLinkInComment);
}

/**
 * The post with its link and call to action moved to the first comment, where linkInFirstComment says so: the
 * caption's call to action becomes one of the language's pointers ("Link in the first comment."), and the comment is the
 * call to action with the link (a model's own comment is kept, with the link added when it has none). Other
 * platforms' posts come back without a first comment.
 */
export function placeLink(parts: PostParts, req: WriteRequest): PostParts {
  if (!linkInFirstComment(req.platform, req.linkedinLinkInComment)) {
    const { firstComment: _drop, ...rest } = parts;
    return rest;
  }
  const p = phrasesFor(req.facts.language).phrases;
  const strip = (t: string) =>
    t
      .replace(URL_RE, "")
      .replace(/\s*→\s*$/u, "")
      .trim();
  // The day and revision pick the wording, so a week of comments does not repeat one line.
  const turn = (dayNumber(req.localDate) || 0) + (req.revision ?? 0) + (req.variant === "B" ? 3 : 0);
  const cta = asPhrase(req.callToAction) || fill(p.clickCtas[turn % p.clickCtas.length]!, { name: req.facts.name });
  const own = parts.firstComment?.trim() ? strip(parts.firstComment) : "";
  return {
    ...parts,
    hook: strip(parts.hook),
    body: strip(parts.body),
    callToAction: p.commentPointers[turn % p.commentPointers.length]!,
    firstComment: `${own || cta} → ${req.linkUrl}`,
  };
}

/** What an app's settings ask of each post's writer: LinkedIn's link placement and whether threads are numbered. */
export function appWriteOptions(app: { voice: string; linkedinLinkInComment: boolean }): {
  linkedinLinkInComment: boolean;
  numberThreads: boolean;
} {
  return { linkedinLinkInComment: app.linkedinLinkInComment, numberThreads: wantsNumbering(app.voice) };
}
