import { THREAD_POSTS } from "../../../platforms/thread";
import { fill } from "./lang";
import { factLine, nthFact, type Line, type Material } from "./hooks";

/**
 * An X thread written as a thread: the opening line alone as the hook post, then one post per concrete fact the
 * opening did not state (each a whole sentence in its own frame, so it reads on its own when shared), the site's
 * description when this post carries it and there is room, and a last post with a question and the call to action
 * (its link). A site with no second fact gets two posts.
 */
export function writeThreadPosts(m: Material, hook: Line, callToAction: string): string[] {
  const middle: string[] = [];
  for (let i = 1; i < THREAD_POSTS[1] - 1; i++) {
    const next = nthFact(m, i);
    if (next && next.fact !== hook.fact) middle.push(factLine(m, next.fact, next.template).text);
  }
  if (m.description && middle.length < THREAD_POSTS[1] - 2) {
    const template = m.phrases.description[m.turn % m.phrases.description.length]!;
    middle.push(fill(template, { name: m.name, x: m.description }));
  }
  const q = m.phrases.questions;
  const question = q[(m.day * 7 + m.turn) % q.length]!;
  return [hook.text, ...middle, `${question}\n\n${callToAction}`];
}
