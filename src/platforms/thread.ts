import { composePostText } from "./rules";

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
