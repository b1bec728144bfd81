import type { PlatformId } from "../../../platforms/ids";
import { PLATFORM_RULES } from "../../../platforms/rules";
import { type BodyStructure, bodyStructure } from "../arm-words";
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

/** The shape to build for a structure none of the platform's shapes gives (a list falls back to a third fact on most days). */
const STRUCTURE_SHAPE: Record<BodyStructure, Part[]> = {
  facts: ["support", "third"],
  ask: ["support", "question"],
  list: ["support", "list"],
  hook_only: [],
};

/** What the learner asks of a body: a structure, a test of the whole caption's length band, and which to keep when both cannot be had. */
export interface BodyWish {
  structure?: BodyStructure;
  accept?: (lines: Line[]) => boolean;
  prefer?: "structure" | "length";
}

/**
 * The body's lines for a platform: the description first when this post carries it, then the shape's parts. The turn
 * picks the shape; with a wish (the learner's body structure and caption-length band) the shapes are tried in rotation
 * order from that one, then no body, every part (platforms with room) and the structure's own shape; the first that
 * gives both wins, else the first with the preferred one (the band unless told), else the other; none keeps the rotation's shape.
 */
export function writeBody(m: Material, platform: PlatformId, hook: Line, wish: BodyWish = {}): Line[] {
  const shapes = SHAPES[platform];
  // The turn over six as well: a platform's A and B variants (six places apart) take different shapes.
  const start = (m.day + m.turn + Math.floor(m.turn / 6)) % shapes.length;
  const rotation = shapeLines(m, platform, hook, shapes[start]!);
  const structured = (lines: Line[]) => !wish.structure || bodyStructure(lines.map((l) => l.text).join("\n\n")) === wish.structure;
  const inBand = (lines: Line[]) => !wish.accept || wish.accept(lines);
  if (structured(rotation) && inBand(rotation)) return rotation;
  // Beyond the platform's shapes: no body (the shortest post) and, where the platform takes long captions, every part.
  const extra: Part[][] = PLATFORM_RULES[platform].captionMax > 1000 ? [[], ["support", "third", "question"]] : [[]];
  if (wish.structure) extra.push(STRUCTURE_SHAPE[wish.structure]);
  const others = [...shapes.slice(start + 1), ...shapes.slice(0, start), ...extra].map((shape) => shapeLines(m, platform, hook, shape));
  const all = [rotation, ...others];
  const [first, second] = wish.prefer === "structure" ? [structured, inBand] : [inBand, structured];
  return all.find((l) => structured(l) && inBand(l)) ?? all.find(first) ?? all.find(second) ?? rotation;
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
