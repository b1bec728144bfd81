import { composePostText, PLATFORM_RULES, weightedLength } from "./rules";

/** The fewest and most posts a thread has. */
export const THREAD_POSTS: [number, number] = [2, 4];

/**
 * A caption as a thread: one post per paragraph (hook, body, call to action), paragraphs past the fourth joined
 * into the last post, the hashtags after the last paragraph. The link stays where the caption put it (the call
 * to action, last), so the opening post carries none.
 */
export function threadPosts(caption: string, hashtags: string[]): string[] {
  const paras = caption
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const posts = paras.slice(0, THREAD_POSTS[1] - 1);
  const rest = paras.slice(THREAD_POSTS[1] - 1);
  if (rest.length > 0) posts.push(rest.join("\n\n"));
  if (posts.length === 0) return [];
  posts[posts.length - 1] = composePostText(posts[posts.length - 1]!, hashtags);
  return posts;
}

/** What breaks X's rules in a thread, as sentences for a person: 2-4 posts, each (the last with the hashtags) within 280 weighted characters. */
export function checkThread(posts: string[], hashtags: string[]): string[] {
  const [min, most] = THREAD_POSTS;
  const max = PLATFORM_RULES.x.captionMax;
  if (posts.length < min || posts.length > most) return [`An X thread has ${min} to ${most} posts; this one has ${posts.length}.`];
  const problems = posts.flatMap((p, i) => {
    const len = weightedLength(i === posts.length - 1 ? composePostText(p, hashtags) : p);
    if (p.trim() === "") return [`Post ${i + 1} of the thread is empty.`];
    return len > max ? [`Post ${i + 1} of the thread has ${len} characters (weighted); X allows ${max}.`] : [];
  });
  if (hashtags.length > PLATFORM_RULES.x.hashtagsMax)
    problems.push(`X allows at most ${PLATFORM_RULES.x.hashtagsMax} hashtags; this thread has ${hashtags.length}.`);
  return problems;
}
