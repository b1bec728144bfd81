import type { PlatformId } from "../../platforms/ids";

/** How a platform's audience reads a post: what the writers aim for, beside the hard limits in src/platforms/rules.ts. */
export interface BestPractice {
  /** The hook should fit in the first line the feed shows before "more". */
  hookMaxChars: number;
  /** Caption length the writers aim for (characters, before hashtags). */
  captionTargetChars: [number, number];
  /** Where hashtags go and how many. */
  hashtagStyle: "inline-end" | "block" | "tags";
  /** Whether a bare link in the caption is clickable there. */
  linkClickable: boolean;
  /** Ideal video length in seconds. */
  idealSeconds: [number, number];
  /** Line breaks between ideas read well there. */
  shortParagraphs: boolean;
  /** A note for people and prompts. */
  note: string;
}

/** Best practices per platform, gathered from the platforms' creator guides. */
export const BEST_PRACTICES: Record<PlatformId, BestPractice> = {
  youtube: {
    hookMaxChars: 70,
    captionTargetChars: [150, 600],
    hashtagStyle: "tags",
    linkClickable: true,
    idealSeconds: [20, 45],
    shortParagraphs: true,
    note: "Title carries the hook; the first two lines of the description show above the fold; 2-4 hashtags, #shorts not required.",
  },
  tiktok: {
    hookMaxChars: 80,
    captionTargetChars: [80, 300],
    hashtagStyle: "inline-end",
    linkClickable: false,
    idealSeconds: [15, 35],
    shortParagraphs: false,
    note: "The first second of video decides the view; captions are short; links are not clickable, so send people to the bio link.",
  },
  instagram: {
    hookMaxChars: 125,
    captionTargetChars: [150, 700],
    hashtagStyle: "block",
    linkClickable: false,
    idealSeconds: [15, 30],
    shortParagraphs: true,
    note: "About 125 characters show before 'more'; 3-8 focused hashtags after a blank line; links in captions are not clickable.",
  },
  facebook: {
    hookMaxChars: 120,
    captionTargetChars: [80, 400],
    hashtagStyle: "inline-end",
    linkClickable: true,
    idealSeconds: [15, 60],
    shortParagraphs: true,
    note: "Short posts with a clear link do best; 1-3 hashtags at most.",
  },
  x: {
    hookMaxChars: 100,
    captionTargetChars: [70, 240],
    hashtagStyle: "inline-end",
    linkClickable: true,
    idealSeconds: [15, 45],
    shortParagraphs: false,
    note: "One idea per post; 1-2 hashtags; the link counts 23 characters.",
  },
  linkedin: {
    hookMaxChars: 140,
    captionTargetChars: [400, 1300],
    hashtagStyle: "block",
    linkClickable: true,
    idealSeconds: [30, 90],
    shortParagraphs: true,
    note: "About 140 characters show before 'see more'; short paragraphs, a concrete takeaway, 3-5 hashtags at the end.",
  },
};
