import type { VideoScript } from "../../content/script";
import type { PlatformId } from "../../platforms/ids";
import type { ProductFacts, TrendItem } from "../research/facts";
import type { UnsupportedClaim } from "./claims";
import type { SentenceSource } from "./provenance";
import type { Slide } from "../../platforms/carousel";
import type { BodyStructure, HashtagBand, LengthBand } from "./arm-words";
import type { PostFormat } from "./formats";

/** One A/B variant label. */
export type Variant = "A" | "B";

/** The pieces of a post before it is fitted to a platform. */
export interface PostParts {
  title: string;
  hook: string;
  body: string;
  callToAction: string;
  hashtags: string[];
  script: VideoScript | null;
  /** A carousel's slides (cover, facts, call to action), each drawn on its own image; absent for other formats. */
  slides?: Slide[];
  /** A comment posted under the post (where the link belongs there); checked like every other field. */
  firstComment?: string;
  /** An X thread's posts in order (format "thread"): a hook post, one fact per middle post, the link and call to action last. */
  thread?: string[];
  /** What the writer wants the person to know about this post (e.g. it is in English because the site's language is not written). */
  notes?: string[];
}

/** A finished post for one platform: fitted to its limits, claims checked, ready to store. */
export interface PostDraft extends PostParts {
  platform: PlatformId;
  variant: Variant;
  format: PostFormat;
  /** The text the platform receives before hashtags: hook, body, call to action. */
  caption: string;
  linkUrl: string;
  /** Who wrote it: "builtin" or "<provider>:<model>". */
  writer: string;
  /** What the checks changed, in plain words (shown on the run page). */
  notes: string[];
  /** Why the built-in writer wrote it when a model budget (the user's or the plan's) was spent; kept in the item's history. */
  budgetNote?: string;
  /** Sentences left in the post that no snippet of the site supports: the item waits for a person. */
  unsupportedClaims: UnsupportedClaim[];
  /** Every sentence beside the snippet it rests on (the approval card's "Sources" view). */
  sources: SentenceSource[];
}

/** A post the agent could not make fit, with the reason for the person. */
export interface FailedPost {
  platform: PlatformId;
  variant: Variant;
  reason: string;
}

/** The opening-line families the built-in writer can make on request (the learner's other families come only from its rotation). */
export const WRITABLE_HOOKS = ["question", "bold_claim", "statement"] as const;

/**
 * The creative arms the learner asks of one post (src/learning/choose-arms.ts); the writer honours each one it can and
 * otherwise keeps its rotation. What was actually written is classed again from the text, so this is a wish, not a record.
 */
export interface ArmRequest {
  hook?: (typeof WRITABLE_HOOKS)[number];
  /** How the body is built (arm-words.ts:STRUCTURE_DEFINITIONS). */
  structure?: BodyStructure;
  /** The caption-length band of the caption (opening, body, call to action). */
  length?: LengthBand;
  /** How many hashtags, and the tags that worked for this app there, best first (a model is asked to prefer them). */
  hashtags?: { band: HashtagBand; preferred: string[] };
  /** Which of structure and length to keep when no body gives both: the one whose values the learner sees differ more. */
  prefer?: "structure" | "length";
  /** Whether the post ends with a call to action (both writers always add the link's; the learner asks for it). */
  cta?: "with_cta" | "no_cta";
}

/** What a writer needs to write one post. */
export interface WriteRequest {
  appId: number;
  localDate: string;
  platform: PlatformId;
  variant: Variant;
  facts: ProductFacts;
  trends: TrendItem[];
  /** The app's own call to action, e.g. "Start your free trial" (empty for none). */
  callToAction: string;
  /** The app URL with UTM parameters for this platform and item. */
  linkUrl: string;
  /** 0 for the nightly post; 1, 2, ... for each "regenerate copy", so the writer takes a different angle. */
  revision?: number;
  /** The caption being replaced (a regeneration must not repeat it). */
  previousCaption?: string;
  /** The learner's arms for this post; absent when the app has no results on the platform yet (the rotation alone decides). */
  arms?: ArmRequest;
  /** The pipeline run the post belongs to, so its model calls show on the run page. */
  runId?: number;
  /** The format the post takes (a rewrite keeps its item's); chosen by chooseFormat when absent. */
  format?: PostFormat;
  /** Why that format was chosen (noted on the item), when the caller chose it. */
  formatReason?: string;
  /** The app's setting: LinkedIn posts carry their link in the first comment instead of the text. */
  linkedinLinkInComment?: boolean;
  /** True when the app's voice numbers thread posts ("1/3"); threads are unnumbered otherwise. */
  numberThreads?: boolean;
}
