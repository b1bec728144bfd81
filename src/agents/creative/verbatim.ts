import { normalize } from "../research/evidence";
import { sentences } from "./builtin/text";
import type { PostParts, WriteRequest } from "./types";

/** The site's description sentences, normalized, that a post must not copy word for word. */
function descriptionSentences(req: WriteRequest): Set<string> {
  return new Set(
    sentences(req.facts.whatItDoes)
      .map(key)
      .filter((s) => s.split(" ").length >= 5),
  );
}

function key(s: string): string {
  return normalize(s).replace(/[.!?…]+$/u, "");
}

/**
 * A model's post without the site's description copied word for word (the built-in writer lets one post of a batch
 * carry it; a model writes each post alone, so none may). A copied hook gives way to `hook()`, a copied body sentence goes.
 */
export function withoutDescription(parts: PostParts, req: WriteRequest, hook: () => string): PostParts {
  const desc = descriptionSentences(req);
  if (desc.size === 0) return parts;
  const notes: string[] = [];
  const copied = (s: string) => desc.has(key(s));
  const body = parts.body
    .split("\n")
    .map((line) => {
      const all = sentences(line);
      const kept = all.filter((s) => !copied(s));
      return kept.length === all.length ? line : kept.join(" ");
    })
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (body !== parts.body.trim()) notes.push("Removed the site's description copied word for word from the text.");
  const hookCopied = sentences(parts.hook).some(copied);
  if (hookCopied) notes.push("Replaced a hook that copied the site's description word for word.");
  if (notes.length === 0) return parts;
  return { ...parts, hook: hookCopied ? hook() : parts.hook, body, notes: [...(parts.notes ?? []), ...notes] };
}
