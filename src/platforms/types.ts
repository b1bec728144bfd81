import type { PlatformId } from "./ids";

/** A connected account's credentials, decrypted for the duration of one call. */
export interface Connection {
  id: number;
  userId: number;
  platform: PlatformId;
  /** The platform's id for the account we post as (channel, open_id, IG user, Page, X user, person/org URN). */
  accountId: string;
  accountName: string;
  accessToken: string;
  refreshToken?: string;
  expiresAt?: Date;
  scopes: string[];
  /** Platform specifics, e.g. a Page access token or the LinkedIn author URN. */
  extra: Record<string, string>;
}

/** New tokens from a refresh or a code exchange. A missing refreshToken means "keep the stored one". */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  expiresAt?: Date;
  scopes?: string[];
}

/** What to publish: text already fitted to the platform, media files on disk, and our marker. */
export interface PublishInput {
  itemId: number;
  format: "video" | "image" | "text" | "thread" | "carousel";
  title: string;
  text: string; // caption with hashtags, as it will appear
  linkUrl: string;
  videoPath?: string;
  coverPath?: string;
  /** An image item's renditions (its own size first), or a carousel's slide images in order. */
  imagePaths?: string[];
  /** A carousel's slide texts in the order of imagePaths (alt text where the platform takes it). */
  slideTexts?: string[];
  /** A thread's posts in order (format "thread"): the first opens it, each next one replies to the one before. */
  thread?: string[];
  /** The comment published right after the post (its own journalled step, never part of the create), with our marked link. */
  firstComment?: string;
  /** A short unique marker of this item (also hashed into captionHash) used to find the post again. */
  marker: string;
  captionHash: string;
}

/** Turns a media file into a URL the platform can fetch, or undefined when the box has no public HTTPS address. */
export type MediaUrl = (absPath: string) => string | undefined;

/** Phases written to the publish journal before each external call (see docs/platforms.md, "Never post twice"). */
export type PublishPhase = "prepared" | "media_uploaded" | "create_sent" | "remote_id_known" | "confirmed";

/**
 * The adapter's line to the durable journal: it must call `before("create_sent")` right before the create call.
 * Data key `stillToDo`: a step the adapter does after the create (in plain words, e.g. "set the cover as the
 * YouTube thumbnail"); when the post gets recorded without publish() returning (crash, reconciliation), the
 * item's history says that step was not done.
 */
export interface PublishJournal {
  /** Records a phase (and data such as an upload id) durably before the next external call. */
  before(phase: PublishPhase, data?: Record<string, string>): Promise<void>;
  /** Data recorded by earlier attempts (e.g. an uploaded media id to reuse). */
  readonly data: Record<string, string>;
  /** Extends the job's lease and shows progress while uploading or polling. */
  heartbeat(progress: string): void;
}

/** A published post as the platform reports it. */
export interface RemotePost {
  remoteId: string;
  permalink: string;
  text?: string;
  createdAt?: Date;
  /** What the user should know about the finished post (e.g. a cover the platform would not take as thumbnail): lines for the item's history, returned by publish() once its steps after the create are done. */
  notes?: string[];
}

/**
 * A post's counters as the platform reports them; a counter the platform does not give is left out. Values are
 * passed on as the platform sent them (checked by the collector, which refuses strings, negatives and NaN).
 */
export interface PostMetrics {
  views?: number;
  likes?: number;
  comments?: number;
  /** Shares, reposts, retweets plus quotes. */
  shares?: number;
  impressions?: number;
  /** Distinct accounts that saw the post. */
  reach?: number;
  /** Saves or bookmarks. */
  saves?: number;
  /** Total time watched, in seconds. */
  watchTimeSeconds?: number;
  /** Average view duration, in seconds. */
  avgViewSeconds?: number;
  /** Share of views watched to the end, 0..1. */
  completionRate?: number;
  /** Profile visits that came from the post. */
  profileVisits?: number;
  /**
   * Counters the platform withheld for the connection's scopes or plan while giving the rest (e.g. YouTube watch time
   * without yt-analytics.readonly): why, and the scope or plan to add. Shown on the Platforms page; the rest is stored.
   */
  withheld?: { reason: string; needs: string };
  fetchedAt: Date;
}

/** One comment (or reply) on a post. */
export interface PostComment {
  id: string;
  /** The commenter's display name or handle (a member URN where the platform gives nothing else). */
  author: string;
  text: string;
  createdAt: Date;
  /** The comment this one answers, where the platform threads replies (undefined for a top-level comment). */
  parentId?: string;
  /** The commenter's id on the platform (compared with the connection's account to recognise our own replies). */
  authorId?: string;
  /** The commenter's picture as the platform links it (we never fetch it; the inbox shows it only over https). */
  avatarUrl?: string;
  likeCount?: number;
  /** True when the platform says the text was changed after posting. */
  edited?: boolean;
}

/** One sync's share of a long thread: the comments read and, when the page budget ran out first, where the next sync goes on. */
export interface CommentPages {
  comments: PostComment[];
  /** The platform's cursor to continue from (undefined: the thread was read to its end). */
  cursor?: string;
}

/** Where a reply goes: the post and the comment it answers. */
export interface ReplyTarget {
  postId: string;
  commentId: string;
}

/** Why a platform call failed, in the terms the queue acts on. */
export type PlatformErrorKind =
  | "auth_expired" // refresh and retry
  | "auth_revoked" // reconnect needed: documented invalid grant / revoked
  | "rate_limited" // wait until retryAt
  | "daily_cap" // wait until the cap window resets
  | "rejected" // permanent: caption too long, media invalid, ...
  | "duplicate" // the platform says this exact post exists
  | "not_found" // the post no longer exists on the platform (deleted, or made private)
  | "forbidden" // permanent refusal for this account: a scope missing or a plan that does not allow it (see `needs`)
  | "transient"; // network, 5xx: retry with backoff

/** A platform failure with a sentence for the user. */
export class PlatformError extends Error {
  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly retryAt?: Date,
    readonly status?: number,
    /** For "forbidden": the scope to add or plan to take, in the platform's words. */
    readonly needs?: string,
  ) {
    super(message);
  }
}

/**
 * What the platform says became of a create whose answer was lost: the post exists; it certainly was not made
 * (the upload can go on, e.g. a resumable session still short of its last byte); the platform refused it;
 * or it is still being processed.
 */
export type CreateOutcome =
  | { kind: "created"; post: RemotePost }
  | { kind: "not_created"; why: string }
  | { kind: "refused"; reason: string }
  | { kind: "processing"; why: string };

/** One platform behind one interface. */
export interface PlatformAdapter {
  id: PlatformId;
  /** Problems with the input for this platform (empty when it can be posted). */
  validate(input: PublishInput): string[];
  /** Uploads media (chunked/resumable), creates the post, polls processing; returns the post. */
  publish(conn: Connection, input: PublishInput, journal: PublishJournal, signal?: AbortSignal): Promise<RemotePost>;
  /** Asks the platform about an interrupted create from what the journal saved (an upload session, a publish id); undefined when it cannot say. */
  createOutcome?(conn: Connection, input: PublishInput, saved: Record<string, string>): Promise<CreateOutcome | undefined>;
  /** Recent posts of the account, newest first, for reconciliation after an unknown outcome. */
  recentPosts(conn: Connection, since: Date): Promise<RemotePost[]>;
  /** Exchanges the refresh token for new tokens. */
  refresh(conn: Connection): Promise<TokenSet>;
  /** The account's publishing usage as the platform reports it right now, where the API exposes it (e.g. Instagram's content_publishing_limit). */
  quota?(conn: Connection): Promise<{ used: number; limit: number } | undefined>;
  /** The post's counters right now (absent where the platform gives no metrics for our scopes). */
  fetchMetrics?(conn: Connection, remoteId: string): Promise<PostMetrics>;
  /**
   * Counters of up to `metricsBatchSize` posts in one call, where the API reads several ids at once (YouTube 50, X 100);
   * a post missing from the answer no longer exists on the platform.
   */
  fetchMetricsBatch?(conn: Connection, remoteIds: string[]): Promise<Map<string, PostMetrics>>;
  /** How many ids fetchMetricsBatch takes per call. */
  metricsBatchSize?: number;
  /** The account's follower (subscriber) count right now, where the platform has an endpoint for it with our scopes. */
  fetchFollowers?(conn: Connection): Promise<number>;
  /** Comments on the post, newest first, optionally only those after `since` (absent where the platform has no comments API for our scopes, e.g. TikTok). */
  fetchComments?(conn: Connection, remoteId: string, since?: Date): Promise<PostComment[]>;
  /** Reads at most `maxPages` pages of the post's comments from `cursor` (the start when undefined), for platforms whose threads are paged per sync. */
  fetchCommentPages?(conn: Connection, remoteId: string, o: { cursor?: string; maxPages: number }): Promise<CommentPages>;
  /** Posts a reply under a comment as the connected account; returns the reply's id. */
  replyToComment?(conn: Connection, target: ReplyTarget, text: string): Promise<{ id: string }>;
  /** Likes a comment as the connected account, where the platform allows it. */
  likeComment?(conn: Connection, target: ReplyTarget): Promise<void>;
  /** Hides a comment from the public (kept for its author), where the platform allows it. */
  hideComment?(conn: Connection, target: ReplyTarget): Promise<void>;
  /** Posts a top-level comment under our own post as the connected account (the first comment); returns its id. */
  postFirstComment?(conn: Connection, remoteId: string, text: string): Promise<{ id: string }>;
}
