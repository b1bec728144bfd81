import type { TwitterApiv2 } from "twitter-api-v2";
import { THREAD_POSTS } from "../thread";
import type { CreateOutcome, PublishInput, PublishJournal, RemotePost } from "../types";
import { xError } from "./errors";

/** How long after a create X may still not list the post (its timeline lags a little). */
const LIST_LAG_MS = 2 * 60_000;

interface Listed {
  id: string;
  text: string;
  created_at?: string;
  referenced_tweets?: { type: string; id: string }[];
}

/** Journal data of a thread in progress: the ids X gave so far, the index of the post whose create was sent, and when. */
interface ThreadState {
  ids: string[];
  sent: number;
  sentAt: number;
}

function stateOf(data: Record<string, string>): ThreadState {
  return {
    ids: (data.threadIds ?? "").split(",").filter(Boolean),
    sent: data.threadSent === undefined ? -1 : Number(data.threadSent),
    sentAt: Number(data.threadSentAt ?? 0),
  };
}

/** Problems with a thread for X: 2-4 posts, each within X's length. */
export function threadProblems(input: PublishInput, max: number, length: (t: string) => number): string[] {
  const posts = input.thread ?? [];
  const [min, most] = THREAD_POSTS;
  if (posts.length < min || posts.length > most)
    return [`An X thread has ${min} to ${most} posts; this one has ${posts.length} (write the text in ${min} to ${most} paragraphs).`];
  return posts.flatMap((p, i) => (length(p) > max ? [`Post ${i + 1} of the thread has ${length(p)} characters; X allows ${max}.`] : []));
}

/** A text compared the way X gives it back: links dropped (X shortens them), whitespace collapsed. */
function norm(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The account's post with this text (replying to `parent` for any post but the first), as X lists it, or undefined. */
async function findPost(
  v2: TwitterApiv2,
  userId: string,
  text: string,
  parent: string | undefined,
  since: Date,
): Promise<string | undefined> {
  let res: { data?: Listed[] };
  try {
    res = await v2.get(`users/${userId}/tweets`, {
      start_time: since.toISOString(),
      max_results: 100,
      "tweet.fields": "created_at,referenced_tweets",
    });
  } catch (e) {
    throw xError(e, "looking for the thread's posts");
  }
  const want = norm(text);
  return (res.data ?? []).find(
    (t) =>
      norm(t.text) === want &&
      (parent === undefined
        ? !t.referenced_tweets?.some((r) => r.type === "replied_to")
        : t.referenced_tweets?.some((r) => r.type === "replied_to" && r.id === parent)),
  )?.id;
}

/**
 * Posts a thread: each post's create is journalled (with the ids so far) before it is sent, and each reply names
 * the post before it in reply.in_reply_to_tweet_id. A rerun after a crash first looks for the post whose answer
 * was lost and adopts it, then goes on with the next, so no post of the thread is made twice.
 */
export async function publishThread(
  v2: TwitterApiv2,
  userId: string,
  input: PublishInput,
  journal: PublishJournal,
  now: () => Date,
  permalink: (id: string) => string,
  signal?: AbortSignal,
): Promise<RemotePost> {
  const posts = input.thread ?? [];
  const st = stateOf(journal.data);
  const ids = [...st.ids];
  if (st.sent === ids.length && st.sent < posts.length) {
    const found = await findPost(v2, userId, posts[st.sent]!, ids.at(-1), new Date(st.sentAt - 10 * 60_000));
    if (found) ids.push(found);
  }
  for (let k = ids.length; k < posts.length; k++) {
    signal?.throwIfAborted();
    await journal.before("create_sent", { threadIds: ids.join(","), threadSent: String(k), threadSentAt: String(now().getTime()) });
    journal.heartbeat(`posting the thread: ${k + 1}/${posts.length}`);
    try {
      const res = await v2.tweet({ text: posts[k]!, ...(k > 0 ? { reply: { in_reply_to_tweet_id: ids[k - 1]! } } : {}) });
      ids.push(res.data.id);
    } catch (e) {
      throw xError(e, `creating post ${k + 1} of the thread`);
    }
  }
  await journal.before("remote_id_known", { threadIds: ids.join(",") });
  return { remoteId: ids[0]!, permalink: permalink(ids[0]!), text: posts.join("\n\n") };
}

/**
 * What became of a thread whose last create answer was lost: all posts on X is "created"; a post X does not list
 * yet shortly after its create is "processing" (looked for again later); else "not_created", and the rerun goes on
 * from the first missing post (adopting it if X lists it by then).
 */
export async function threadOutcome(
  v2: TwitterApiv2,
  userId: string,
  input: PublishInput,
  saved: Record<string, string>,
  now: Date,
  permalink: (id: string) => string,
): Promise<CreateOutcome> {
  const posts = input.thread ?? [];
  const st = stateOf(saved);
  const ids = [...st.ids];
  if (st.sent === ids.length && st.sent < posts.length) {
    const found = await findPost(v2, userId, posts[st.sent]!, ids.at(-1), new Date(st.sentAt - 10 * 60_000));
    if (found) ids.push(found);
    else if (now.getTime() - st.sentAt < LIST_LAG_MS)
      return { kind: "processing", why: `X does not list post ${st.sent + 1} of the thread yet` };
  }
  if (ids.length === posts.length)
    return { kind: "created", post: { remoteId: ids[0]!, permalink: permalink(ids[0]!), text: posts.join("\n\n") } };
  return { kind: "not_created", why: `the thread has ${ids.length} of its ${posts.length} posts on X` };
}
