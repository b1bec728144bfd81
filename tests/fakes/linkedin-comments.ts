import { liError } from "./linkedin-errors";

/** One comment in the fake: `parent` is the comment URN it answers (LinkedIn nests one level). */
export interface FakeLinkedInComment {
  id: string;
  actor: string;
  text: string;
  at: number;
  parent?: string;
  /** Actors who reacted, with the reaction type. */
  reactions?: Map<string, string>;
}

/** What the comment routes need of a post. */
interface PostRef {
  urn: string;
  comments?: FakeLinkedInComment[];
}

/** The activity URN LinkedIn puts in comment URNs: urn:li:share:N -> urn:li:activity:N. */
export const activityOf = (postUrn: string) => `urn:li:activity:${postUrn.split(":").at(-1)}`;
/** A comment's URN: urn:li:comment:(urn:li:activity:N,id). */
export const commentUrnOf = (postUrn: string, id: string) => `urn:li:comment:(${activityOf(postUrn)},${id})`;

/**
 * The Comments and Reactions APIs of the fake LinkedIn: GET /rest/socialActions/{post or comment URN}/comments with
 * start/count paging (first-level comments of a post, or a comment's replies), POST the same path to comment (a
 * nested comment names its parentComment), POST /rest/reactions?actor= to react to a comment.
 */
export class FakeLinkedInComments {
  /** Replies and comments created through the API, in order. */
  readonly created: { actor: string; object: string; parentComment?: string; text: string }[] = [];
  /** Reactions created through the API. */
  readonly reactions: { actor: string; root: string; reactionType: string }[] = [];
  /** Page sizes asked for, in order (to check the client pages). */
  readonly pageAsks: { target: string; start: number; count: number }[] = [];

  constructor(
    private readonly posts: PostRef[],
    private readonly nextId: () => string,
  ) {}

  /** Finds a comment by its URN, with its post. */
  find(urn: string): { post: PostRef; comment: FakeLinkedInComment } | undefined {
    for (const post of this.posts)
      for (const comment of post.comments ?? []) if (commentUrnOf(post.urn, comment.id) === urn) return { post, comment };
    return undefined;
  }

  /** GET /rest/socialActions/{target}/comments?start=&count= (default 0 and 10; LinkedIn caps count at 100). */
  list(target: string, url: URL): Response {
    const start = Number(url.searchParams.get("start") ?? 0);
    const count = Math.min(100, Number(url.searchParams.get("count") ?? 10));
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1)
      return liError(400, "start and count must be non-negative integers", { code: "PARAM_INVALID" });
    this.pageAsks.push({ target, start, count });
    const parent = target.startsWith("urn:li:comment:") ? this.find(target) : undefined;
    const post = parent?.post ?? this.posts.find((p) => p.urn === target);
    if (!post) return liError(404, `Not Found: ${target}`, { code: "NOT_FOUND" });
    const all = (post.comments ?? [])
      .filter((c) => (parent ? c.parent === target : !c.parent))
      .sort((a, b) => (parent ? a.at - b.at : b.at - a.at));
    const elements = all.slice(start, start + count).map((c) => this.element(post, c));
    return Response.json({ paging: { start, count, links: [], total: all.length }, elements });
  }

  private element(post: PostRef, c: FakeLinkedInComment) {
    const replies = (post.comments ?? []).filter((r) => r.parent === commentUrnOf(post.urn, c.id));
    return {
      actor: c.actor,
      commentUrn: commentUrnOf(post.urn, c.id),
      created: { actor: c.actor, time: c.at },
      lastModified: { actor: c.actor, time: c.at },
      id: c.id,
      message: { attributes: [], text: c.text },
      object: activityOf(post.urn),
      ...(c.parent ? { parentComment: c.parent } : {}),
      likesSummary: { likedByCurrentUser: false, totalLikes: c.reactions?.size ?? 0 },
      commentsSummary: { totalFirstLevelComments: replies.length, aggregatedTotalComments: replies.length },
    };
  }

  /** POST /rest/socialActions/{target}/comments: 201 with the comment, its id in x-restli-id. */
  async create(target: string, req: Request, actorMay: (actor: string) => Response | undefined): Promise<Response> {
    const b = (await req.json().catch(() => ({}))) as {
      actor?: string;
      object?: string;
      message?: { text?: string };
      parentComment?: string;
    };
    if (!b.actor || !b.object || !b.message?.text)
      return liError(422, "actor, object and message.text are required", { code: "FIELD_VALUE_INVALID" });
    const denied = actorMay(b.actor);
    if (denied) return denied;
    const parent = b.parentComment ? this.find(b.parentComment) : undefined;
    if (b.parentComment && (!parent || b.parentComment !== target))
      return liError(404, `Not Found: parent comment ${b.parentComment}`, { code: "NOT_FOUND" });
    if (parent?.comment.parent) return liError(422, "Nested comments are supported one level deep", { code: "FIELD_VALUE_INVALID" });
    const post = parent?.post ?? this.posts.find((p) => p.urn === target);
    if (!post) return liError(404, `Not Found: ${target}`, { code: "NOT_FOUND" });
    if (b.object !== activityOf(post.urn) && b.object !== post.urn)
      return liError(422, `object ${b.object} is not the activity of ${target}`, { code: "FIELD_VALUE_INVALID" });
    const c: FakeLinkedInComment = { id: this.nextId(), actor: b.actor, text: b.message.text, at: Date.now(), parent: b.parentComment };
    (post.comments ??= []).push(c);
    this.created.push({ actor: b.actor, object: b.object, parentComment: b.parentComment, text: b.message.text });
    return Response.json(this.element(post, c), { status: 201, headers: { "x-restli-id": c.id } });
  }

  /** POST /rest/reactions?actor=: 201; LinkedIn's reaction types only; the root must exist. */
  async react(url: URL, req: Request, actorMay: (actor: string) => Response | undefined): Promise<Response> {
    const actor = url.searchParams.get("actor") ?? "";
    const b = (await req.json().catch(() => ({}))) as { root?: string; reactionType?: string };
    if (!actor) return liError(400, "actor is required", { code: "PARAM_INVALID" });
    const denied = actorMay(actor);
    if (denied) return denied;
    const types = ["LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION", "ENTERTAINMENT"];
    if (!b.root || !types.includes(b.reactionType ?? ""))
      return liError(422, "root and a valid reactionType are required", { code: "FIELD_VALUE_INVALID" });
    const found = this.find(b.root);
    if (!found) return liError(404, `Not Found: ${b.root}`, { code: "NOT_FOUND" });
    (found.comment.reactions ??= new Map()).set(actor, b.reactionType!);
    this.reactions.push({ actor, root: b.root, reactionType: b.reactionType! });
    return Response.json(
      { id: `urn:li:reaction:(${actor},${b.root})`, root: b.root, reactionType: b.reactionType, created: { actor, time: Date.now() } },
      { status: 201 },
    );
  }
}
