import type { PlatformId } from "./ids";

/**
 * Each platform's publishing rules, from docs/platforms.md. The one table the creative agent,
 * the approval editor, the media studio and the publishers read; never literals elsewhere.
 */
export interface PlatformRules {
  id: PlatformId;
  /** The name pages and messages use, e.g. "YouTube Shorts" or "Facebook Page". */
  label: string;
  /** The platform's short name, e.g. "YouTube Shorts" or "Facebook" (the web app form's choices). */
  name: string;
  /** What we post there by default. */
  format: "video" | "image" | "text";
  captionMax: number;
  /** X counts weighted characters (URLs 23, wide characters 2). */
  weightedCaption: boolean;
  titleMin?: number;
  titleMax?: number;
  hashtagsMax: number;
  /** Hashtags we aim for (best practice, not the cap). */
  hashtagsIdeal: [number, number];
  /** YouTube: total characters of all tags. */
  tagsTotalMax?: number;
  videoMinSeconds: number;
  videoMaxSeconds: number;
  /** The sweet spot the creative agent aims for. */
  videoIdealSeconds: [number, number];
  videoMaxBytes: number;
  /** Image size (w x h) for feed images. */
  imageSize: [number, number];
  /** Takes JPEG images only (Instagram's image containers): other images are posted as JPEG copies. */
  imageJpegOnly?: boolean;
}

/** The six platforms' rules. */
export const PLATFORM_RULES: Record<PlatformId, PlatformRules> = {
  youtube: {
    id: "youtube",
    label: "YouTube Shorts",
    name: "YouTube Shorts",
    format: "video",
    captionMax: 5000,
    weightedCaption: false,
    titleMin: 2,
    titleMax: 100,
    hashtagsMax: 15,
    hashtagsIdeal: [2, 4],
    tagsTotalMax: 500,
    videoMinSeconds: 1,
    videoMaxSeconds: 180,
    videoIdealSeconds: [15, 60],
    videoMaxBytes: 256 * 1024 ** 3,
    imageSize: [1080, 1920],
  },
  tiktok: {
    id: "tiktok",
    label: "TikTok",
    name: "TikTok",
    format: "video",
    captionMax: 2200,
    weightedCaption: false,
    hashtagsMax: 30,
    hashtagsIdeal: [3, 5],
    videoMinSeconds: 3,
    videoMaxSeconds: 600,
    videoIdealSeconds: [15, 60],
    videoMaxBytes: 4 * 1024 ** 3,
    imageSize: [1080, 1920],
  },
  instagram: {
    id: "instagram",
    label: "Instagram",
    name: "Instagram",
    format: "video",
    captionMax: 2200,
    weightedCaption: false,
    hashtagsMax: 30,
    hashtagsIdeal: [3, 8],
    videoMinSeconds: 3,
    videoMaxSeconds: 900,
    videoIdealSeconds: [15, 60],
    videoMaxBytes: 300 * 1024 ** 2,
    imageSize: [1080, 1350],
    imageJpegOnly: true,
  },
  facebook: {
    id: "facebook",
    label: "Facebook Page",
    name: "Facebook",
    format: "video",
    captionMax: 63206,
    weightedCaption: false,
    hashtagsMax: 10,
    hashtagsIdeal: [1, 3],
    videoMinSeconds: 3,
    videoMaxSeconds: 90,
    videoIdealSeconds: [15, 60],
    videoMaxBytes: 1024 ** 3,
    imageSize: [1080, 1350],
  },
  x: {
    id: "x",
    label: "X",
    name: "X",
    format: "video",
    captionMax: 280,
    weightedCaption: true,
    hashtagsMax: 3,
    hashtagsIdeal: [1, 2],
    videoMinSeconds: 0.5,
    videoMaxSeconds: 140,
    videoIdealSeconds: [15, 45],
    videoMaxBytes: 512 * 1024 ** 2,
    imageSize: [1600, 900],
  },
  linkedin: {
    id: "linkedin",
    label: "LinkedIn",
    name: "LinkedIn",
    format: "video",
    captionMax: 3000,
    weightedCaption: false,
    hashtagsMax: 5,
    hashtagsIdeal: [3, 5],
    videoMinSeconds: 3,
    videoMaxSeconds: 1800,
    videoIdealSeconds: [30, 90],
    videoMaxBytes: 5 * 1024 ** 3,
    imageSize: [1200, 627],
  },
};

const URL_RE = /https?:\/\/[^\s]+/g;
const X_URL_WEIGHT = 23;

/**
 * X's weighted length: every URL counts 23; code points in the Latin and general-punctuation ranges
 * count 1, everything else (CJK, emoji, ...) counts 2, as twitter-text's default config does.
 */
export function weightedLength(text: string): number {
  let n = 0;
  const withoutUrls = text.replace(URL_RE, () => {
    n += X_URL_WEIGHT;
    return "";
  });
  for (const seg of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(withoutUrls)) {
    const cp = seg.segment.codePointAt(0)!;
    const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
    n += light ? 1 : 2;
  }
  return n;
}

/** The length of a caption as the platform counts it. */
export function captionLength(platform: PlatformId, text: string): number {
  return PLATFORM_RULES[platform].weightedCaption ? weightedLength(text) : [...text].length;
}

/** The text a platform receives: caption, then hashtags on their own line. */
export function composePostText(caption: string, hashtags: string[]): string {
  const tags = hashtags.map((h) => (h.startsWith("#") ? h : `#${h}`)).join(" ");
  return tags ? `${caption.trim()}\n\n${tags}` : caption.trim();
}

/** What breaks the platform's rules in a post, as sentences for a person; empty when it fits. */
export function checkPost(platform: PlatformId, post: { title?: string; caption: string; hashtags: string[] }): string[] {
  const r = PLATFORM_RULES[platform];
  const problems: string[] = [];
  const len = captionLength(platform, composePostText(post.caption, post.hashtags));
  if (len > r.captionMax)
    problems.push(`${r.label} allows ${r.captionMax} characters${r.weightedCaption ? " (weighted)" : ""}; this post has ${len}.`);
  if (post.hashtags.length > r.hashtagsMax)
    problems.push(`${r.label} allows at most ${r.hashtagsMax} hashtags; this post has ${post.hashtags.length}.`);
  if (r.titleMax !== undefined) {
    const t = [...(post.title ?? "").trim()].length;
    if (t < (r.titleMin ?? 1) || t > r.titleMax)
      problems.push(`${r.label} titles must be ${r.titleMin}-${r.titleMax} characters; this one has ${t}.`);
  }
  if (r.tagsTotalMax !== undefined && post.hashtags.join("").length > r.tagsTotalMax)
    problems.push(`${r.label} tags may total ${r.tagsTotalMax} characters.`);
  return problems;
}
