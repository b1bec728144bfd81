import type { Db } from "../db/client";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { type Insights, insightsOf } from "./insights";
import { loadModel } from "./load";
import { appsOfUser, type LearningApp } from "./store";

/** An app's insights over its selected platforms (and any it has posts on). */
export function insightsFor(db: Db, app: LearningApp): Insights {
  const model = loadModel(db, app);
  const platforms = [...new Set([...app.platforms, ...model.platforms.keys()])].filter((p): p is PlatformId =>
    (PLATFORM_IDS as readonly string[]).includes(p),
  );
  return insightsOf(model, platforms);
}

/** "What works" for a user's web apps (those listed, or all when the list is empty): each app's name and insights. */
export function whatWorksFor(db: Db, userId: number, webappIds: number[]): { id: number; name: string; insights: Insights }[] {
  return appsOfUser(db, userId)
    .filter((a) => webappIds.length === 0 || webappIds.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name, insights: insightsFor(db, a) }));
}
