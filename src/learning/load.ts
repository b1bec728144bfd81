import type { Db } from "../db/client";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { PLATFORM_RULES } from "../platforms/rules";
import { armsOf, parseArms, parsePartialArms } from "./arms";
import { fitModel, type LearnedModel, type Observation, type Rejection } from "./estimate";
import { engagementOf } from "./metric";
import { historyOf, ownPostsOf, rejectedArms } from "./store";

const isPlatform = (p: string): p is PlatformId => (PLATFORM_IDS as readonly string[]).includes(p);

/** Hashtags written in a post's text ("#launch"), for imported posts that have no separate list. */
export function hashtagsInText(text: string): string[] {
  return [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => m[1]!);
}

/** The app's posts as the learner counts them: our published posts (latest snapshot, clicks) and imported ones alike. */
export function observationsOf(db: Db, webappId: number): Observation[] {
  const out: Observation[] = [];
  for (const r of ownPostsOf(db, webappId)) {
    if (!isPlatform(r.platform)) continue;
    const e = engagementOf(r);
    if (!e) continue;
    const hashtags = JSON.parse(r.hashtags) as string[];
    // Stored arms win; dimensions added since the item was written are classed from its text.
    const stored = r.arms ? parsePartialArms(JSON.parse(r.arms)) : undefined;
    out.push({
      ...e,
      platform: r.platform,
      postedAt: new Date(r.publishedAt),
      hashtags,
      arms: parseArms(stored) ?? { ...armsOf({ caption: r.caption, hashtags, format: r.format, hasLink: r.linkUrl !== "" }), ...stored },
      imported: false,
      experiment:
        r.batchId !== null && (r.variant === "A" || r.variant === "B")
          ? { key: `${r.batchId}:${r.platform}`, variant: r.variant }
          : undefined,
    });
  }
  for (const h of historyOf(db, webappId)) {
    if (!isPlatform(h.platform)) continue;
    const e = engagementOf(h);
    if (!e) continue;
    const hashtags = hashtagsInText(h.text);
    // An export does not say the format: the platform's usual one is assumed.
    out.push({
      ...e,
      platform: h.platform,
      postedAt: h.postedAt,
      hashtags,
      arms: armsOf({ caption: h.text, hashtags, format: PLATFORM_RULES[h.platform].format }),
      imported: true,
    });
  }
  return out;
}

/** The learner's update for one app: reads its posts, rejections and A/B pairs and fits the model. */
export function loadModel(db: Db, app: { id: number; timezone: string }): LearnedModel {
  const rejections: Rejection[] = rejectedArms(db, app.id).flatMap((r) => {
    const arms = parsePartialArms(r.arms);
    return arms && isPlatform(r.platform) ? [{ platform: r.platform, arms }] : [];
  });
  return fitModel({ timezone: app.timezone, observations: observationsOf(db, app.id), rejections });
}
