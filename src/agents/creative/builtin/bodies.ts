import type { PlatformId } from "../../../platforms/ids";
import { PLATFORM_RULES } from "../../../platforms/rules";
import { fill } from "./lang";
import { factLine, nthFact, type Line, type Material } from "./hooks";

/** One part of a body: a second or third fact, the site's description, a question for the comments, or a short list. */
type Part = "support" | "third" | "question" | "list";

/** Per platform, several shapes of body; the turn picks one, so neighbouring days differ in shape as well as words. */
const SHAPES: Record<PlatformId, Part[][]> = {
  x: [["support"], ["question"], []],
  tiktok: [["support"], ["support", "question"], ["question"]],
  instagram: [
    ["support", "question"],
    ["support", "third"],
    ["third", "question"],
  ],
  facebook: [["support", "question"], ["support", "third", "question"], ["third"]],
  linkedin: [
    ["support", "third", "question"],
    ["support", "list"],
    ["third", "support", "question"],
  ],
  youtube: [["support", "third"], ["support"], ["third", "question"]],
};

const BULLET: Record<PlatformId, string> = { youtube: "•", tiktok: "✅", instagram: "✨", facebook: "✔️", x: "→", linkedin: "→" };

/**
 * The body's lines for a platform: the description first when this post carries it, then the shape's parts. The turn
 * picks the shape; with `accept` (the learner's caption-length band) the shapes are tried in rotation order from that one,
 * then no body or (platforms with room) every part, and the first whose lines `accept` takes wins; none taken keeps the rotation's shape.
 */
export function writeBody(m: Material, platform: PlatformId, hook: Line, accept?: (lines: Line[]) => boolean): Line[] {
  const shapes = SHAPES[platform];
  // The turn over six as well: a platform's A and B variants (six places apart) take different shapes.
  const start = (m.day + m.turn + Math.floor(m.turn / 6)) % shapes.length;
  const rotation = shapeLines(m, platform, hook, shapes[start]!);
  if (!accept || accept(rotation)) return rotation;
  // Beyond the platform's shapes: no body (the shortest post) and, where the platform takes long captions, every part.
  const extra: Part[][] = PLATFORM_RULES[platform].captionMax > 1000 ? [[], ["support", "third", "question"]] : [[]];
  const others = [...shapes.slice(start + 1), ...shapes.slice(0, start), ...extra].map((shape) => shapeLines(m, platform, hook, shape));
  return others.find(accept) ?? rotation;
}

function shapeLines(m: Material, platform: PlatformId, hook: Line, shape: Part[]): Line[] {
  const lines: Line[] = [hook];
  if (m.description) {
    const template = m.phrases.description[m.turn % m.phrases.description.length]!;
    lines.push({ part: "description", text: fill(template, { name: m.name, x: m.description }), fact: undefined });
  }
  for (const part of shape) {
    const line = partLine(m, part, platform, lines);
    if (line) lines.push(line);
  }
  return lines.slice(1);
}

function partLine(m: Material, part: Part, platform: PlatformId, before: Line[]): Line | undefined {
  if (part === "question") {
    const q = m.phrases.questions;
    return { part: "question", text: q[(m.day * 7 + m.turn) % q.length]!, fact: undefined };
  }
  // A list repeats features word for word, so an app gets one every third day at most (one platform, one variant).
  if (part === "list" && m.day % 3 !== 0) return partLine(m, "third", platform, before);
  if (part === "list") {
    // The list holds the scenes the post has not stated yet.
    const scenes = m.facts.filter((f) => f.kind === "scene" && !before.some((l) => l.fact === f));
    if (scenes.length < 3) return partLine(m, "third", platform, before);
    const start = m.turn % scenes.length;
    const picked = [...scenes.slice(start), ...scenes.slice(0, start)].slice(0, 3);
    const bullet = (x: string) => `${BULLET[platform]} ${x[0]!.toUpperCase()}${x.slice(1)}`;
    return { part: "list", text: picked.map((f) => bullet(f.x)).join("\n"), fact: picked[0] };
  }
  const next = nthFact(m, part === "support" ? 1 : 2);
  return next ? factLine(m, next.fact, next.template) : undefined;
}
