import { analyticsPosts, analyticsSummary, ENGAGEMENT_RATE_DEFINITION, type PostRow, type Summary } from "../analytics/query";
import type { Db } from "../db/client";
import { webappNames } from "../analytics/store";
import { observe, type Observations } from "./observations";
import { previousPeriod, type ReportPeriod } from "./period";

/** How many posts the report lists at the top and at the bottom. */
export const RANKED_POSTS = 5;

/** Everything one report shows, read once and drawn into the PDF and the email alike. */
export interface ReportData {
  period: ReportPeriod;
  /** The web apps the report covers (all the user's when none were picked). */
  webappNames: string[];
  summary: Summary;
  /** The period before (same kind and filter): every change in the report is against its totals. */
  previous: Summary;
  top: PostRow[];
  /** The least viewed posts with a reading, none of them also in `top`. */
  bottom: PostRow[];
  observations: Observations;
  engagementDefinition: string;
  generatedAt: Date;
}

/** Reads a user's report for a period (optionally a few of their web apps): totals, both periods' breakdowns, ranked posts. */
export function readReport(db: Db, userId: number, period: ReportPeriod, now: Date, webappIds?: number[]): ReportData {
  const filter = { userId, from: period.from, to: period.to, timeZone: period.timeZone, webappIds };
  const summary = analyticsSummary(db, filter);
  const before = previousPeriod(period);
  const previous = analyticsSummary(db, { ...filter, from: before.from, to: before.to });
  const posts = analyticsPosts(db, filter, "views", Number.MAX_SAFE_INTEGER);
  const read = posts.filter((p) => p.views !== null);
  const top = read.slice(0, RANKED_POSTS);
  const bottom = read.length > RANKED_POSTS ? read.slice(Math.max(RANKED_POSTS, read.length - RANKED_POSTS)).reverse() : [];
  const apps = webappNames(db, userId).filter((w) => !webappIds || webappIds.includes(w.id));
  return {
    period,
    webappNames: apps.map((w) => w.name),
    summary,
    previous,
    top,
    bottom,
    observations: observe({ current: summary, previous, posts: read, previousName: period.previousName }),
    engagementDefinition: ENGAGEMENT_RATE_DEFINITION,
    generatedAt: now,
  };
}
