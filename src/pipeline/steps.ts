import { HeuristicOptimizer, type Optimizer } from "../agents/optimize";
import { isFailed, selectedPlatforms, writePost } from "../agents/creative";
import { utmUrl } from "../agents/creative/utm";
import { chooseFormat } from "../agents/creative/formats";
import { itemScript } from "../agents/creative/carousel";
import { appWriteOptions } from "../agents/creative/first-comment";
import { planLink, saveLink, type PlannedLink } from "../clicks/links";
import type { PostDraft, FailedPost, Variant } from "../agents/creative/types";
import type { ResearchOutput } from "../agents/research/facts";
import { runResearch } from "../agents/research";
import type { AppContext } from "../app/context";
import { transition } from "../content/state";
import { insertItemEvent } from "../content/store";
import type { LlmGateway } from "../llm/types";
import { mediaRenderJob } from "../media/job";
import { zonedTime } from "../lib/zoned-time";
import { armsOf } from "../learning/arms";
import { parseAllowedHours } from "../learning/guardrails";
import { rankHashtags } from "../learning/hashtags";
import { loadModel } from "../learning/load";
import { LearningOptimizer } from "../learning/plan";
import { seededRandom } from "../learning/random";
import { appPlannedTimes } from "../learning/store";
import { armRequest, formatPlan } from "./arms";
import {
  batchItems,
  completeStepOnce,
  insertDraftItems,
  plannedTimes,
  setItemPlan,
  setMediaWaiting,
  type RunRow,
  type RunTarget,
} from "./store";

/** What every step receives. */
export interface StepInput {
  ctx: AppContext;
  llm: LlmGateway;
  run: RunRow;
  app: RunTarget;
  optimizer?: Optimizer;
}

const SYSTEM = { userId: null, channel: "system" } as const;

/** Research: product facts and trend items (stored as the step's output, read by the creative step). */
export async function researchStep(s: StepInput): Promise<void> {
  const out = await runResearch(s.ctx, s.llm, {
    id: s.app.id,
    userId: s.app.userId,
    name: s.app.name,
    url: s.app.url,
    description: s.app.description,
    audience: s.app.audience,
    voice: s.app.voice,
    keywords: s.app.keywords,
    feeds: s.app.feeds,
    runId: s.run.id,
  });
  const summary = `${out.cached ? "Site unchanged: reused facts" : `Read ${out.pagesRead.length} page(s)`}; ${out.facts.features.length} features, ${out.facts.proofPoints.length} proof points, ${out.trends.length} feed items.`;
  completeStepOnce(s.ctx.db, s.run.id, "research", s.ctx.clock.now(), () => ({ output: out, summary }));
}

/**
 * Creative: one post per selected platform (two where the optimizer runs an experiment), each in the format chosen for
 * that platform (video, image or text), stored as drafts with the step.
 */
export async function creativeStep(s: StepInput, research: ResearchOutput): Promise<void> {
  const platforms = selectedPlatforms(s.app.platforms);
  if (platforms.length === 0) throw new Error(`The web app "${s.app.name}" has no platforms selected. Pick at least one in its settings.`);
  const optimizer = s.optimizer ?? new HeuristicOptimizer();
  const experiments = new Set(optimizer.experiments({ webappId: s.app.id, localDate: s.run.localDate, platforms }));
  const results: (PostDraft | FailedPost)[] = [];
  const links: PlannedLink[] = [];
  // Why each post has its format, kept with its arms (the item's reason becomes the slot's once it is planned).
  const formatReasons: string[] = [];
  // The learner picks each post's arms from the app's results; a seed apart from the optimize step's, so runs replay.
  const model = loadModel(s.ctx.db, s.app);
  const rng = seededRandom(s.run.id * 104_729 + s.app.id + 1);
  for (const platform of platforms) {
    // Both variants of an experiment share the format, so the test measures the copy alone. The learner ranks the
    // platform's formats once it has results there; its reason joins the table's.
    const plan = formatPlan(model, platform, rng);
    const chosen = chooseFormat(platform, { localDate: s.run.localDate, ranked: plan?.ranked });
    const format = {
      format: chosen.format,
      reason: plan && chosen.format === plan.ranked[0] ? `${chosen.reason} ${plan.reason}` : chosen.reason,
    };
    for (const variant of (experiments.has(platform) ? ["A", "B"] : ["A"]) as Variant[]) {
      const link = planLink(s.ctx.config, utmUrl(s.app, platform, `${s.run.localDate}-${variant}`));
      const linkUrl = link.linkUrl;
      links.push(link);
      formatReasons.push(format.reason);
      results.push(
        await writePost(s.llm, s.app.userId, {
          appId: s.app.id,
          localDate: s.run.localDate,
          platform,
          variant,
          facts: research.facts,
          trends: research.trends,
          callToAction: s.app.callToAction,
          linkUrl,
          arms: armRequest(model, platform, rng),
          runId: s.run.id,
          format: format.format,
          formatReason: format.reason,
          ...appWriteOptions(s.app),
        }),
      );
    }
  }
  const made = results.filter((r) => !isFailed(r)) as PostDraft[];
  const failed = results.filter(isFailed);
  // Tags that worked for this app first, the ones that kept doing worse dropped (src/learning/hashtags.ts).
  for (const m of made) m.hashtags = rankHashtags(model, m.platform, m.hashtags);
  if (made.length === 0) throw new Error(`No post could be written for "${s.app.name}": ${failed.map((f) => f.reason).join(" ")}`);
  completeStepOnce(s.ctx.db, s.run.id, "creative", s.ctx.clock.now(), (tx) => {
    const now = s.ctx.clock.now();
    const rows = results.map((r, i) =>
      isFailed(r)
        ? {
            userId: s.app.userId,
            webappId: s.app.id,
            platform: r.platform,
            format: "text" as const,
            variant: r.variant,
            failure: r.reason,
            writer: "builtin",
          }
        : {
            userId: s.app.userId,
            webappId: s.app.id,
            platform: r.platform,
            format: r.format,
            variant: r.variant,
            title: r.title,
            caption: r.caption,
            hashtags: r.hashtags,
            linkUrl: r.linkUrl,
            script: itemScript(r),
            writer: r.writer,
            reason: r.notes.join(" "),
            // What was written, classed from the text: the learner learns from the arms used, whatever was asked.
            arms: {
              ...armsOf({
                caption: r.caption,
                hashtags: r.hashtags,
                format: r.format,
                hook: r.hook,
                body: r.body,
                hasLink: r.linkUrl !== "",
              }),
              formatReason: formatReasons[i]!,
            },
            unsupportedClaims: r.unsupportedClaims,
            claimSources: r.sources,
            threadPosts: r.thread ?? [],
            firstComment: r.firstComment ?? "",
          },
    );
    const ids = insertDraftItems(tx, s.run.batchId, rows, now);
    ids.forEach((id, i) => {
      const r = results[i]!;
      if (!isFailed(r)) saveLink(tx, links[i]!, { id, userId: s.app.userId }, now);
      // The item's history says why the built-in writer wrote it (the reason column is the optimizer's).
      if (!isFailed(r) && r.budgetNote) noteOnItem(tx, id, r.budgetNote, now);
    });
    const writers = [...new Set(made.map((m) => m.writer))].join(", ");
    return {
      output: { itemIds: ids, failed, notes: made.flatMap((m) => m.notes.map((n) => `${m.platform} ${m.variant}: ${n}`)) },
      summary: `${made.length} post(s) by ${writers}${failed.length ? `; ${failed.length} could not be made to fit` : ""}.`,
    };
  });
}

/** Media: video, image and carousel items wait for the media studio; one render job per item. Text stays reviewable meanwhile. */
export async function mediaStep(s: StepInput): Promise<void> {
  const now = s.ctx.clock.now();
  const items = batchItems(s.ctx.db, s.run.batchId).filter((i) => !i.failure && ["video", "image", "carousel"].includes(i.format));
  completeStepOnce(s.ctx.db, s.run.id, "media", now, (tx) => {
    for (const it of items) {
      setMediaWaiting(tx, it.id, now);
      mediaRenderJob.enqueue(tx, { itemId: it.id }, { now, variant: "1" });
    }
    return { output: { waiting: items.map((i) => i.id) }, summary: `${items.length} item(s) wait for the media studio.` };
  });
}

/** The learning optimizer for one run: the app's fitted model, its allowed hours and its other posts around the day. */
export function learningOptimizer(s: StepInput, dayStart: Date): LearningOptimizer {
  const around = appPlannedTimes(
    s.ctx.db,
    s.app.id,
    new Date(dayStart.getTime() - 86_400_000),
    new Date(dayStart.getTime() + 9 * 86_400_000),
    s.run.batchId,
  );
  const appTimes: Partial<Record<string, Date[]>> = {};
  for (const t of around) (appTimes[t.platform] ??= []).push(t.at);
  return new LearningOptimizer(loadModel(s.ctx.db, s.app), {
    rng: seededRandom(s.run.id * 7919 + s.app.id),
    allowedHours: parseAllowedHours(s.app.allowedHours) ?? null,
    appTimes,
  });
}

/** Optimize: a posting slot per item in the user's time zone, learned from the app's results, within its guardrails. */
export async function optimizeStep(s: StepInput): Promise<void> {
  const now = s.ctx.clock.now();
  const items = batchItems(s.ctx.db, s.run.batchId).filter((i) => !i.failure);
  const dayStart = zonedTime(s.run.localDate, 0, 0, s.app.timezone);
  const taken = plannedTimes(s.ctx.db, s.app.userId, dayStart, new Date(dayStart.getTime() + 36 * 3600_000), s.run.batchId);
  const optimizer = s.optimizer ?? learningOptimizer(s, dayStart);
  const plans = optimizer.plan({
    webappId: s.app.id,
    localDate: s.run.localDate,
    timezone: s.app.timezone,
    now,
    taken,
    posts: items.map((i) => ({ key: String(i.id), platform: i.platform as never, variant: i.variant as Variant })),
  });
  completeStepOnce(s.ctx.db, s.run.id, "optimize", now, (tx) => {
    for (const p of plans) setItemPlan(tx, Number(p.key), p.plannedAt, p.reason, now);
    return {
      output: plans.map((p) => ({ itemId: Number(p.key), plannedAt: p.plannedAt.toISOString(), reason: p.reason })),
      summary: `Planned ${plans.length} post(s) in ${s.app.timezone}.`,
    };
  });
}

/** Queue: drafts become pending approval (failed ones are marked failed with their reason). */
export async function queueStep(s: StepInput): Promise<void> {
  const now = s.ctx.clock.now();
  const items = batchItems(s.ctx.db, s.run.batchId);
  completeStepOnce(s.ctx.db, s.run.id, "queue", now, (tx) => {
    let pending = 0;
    for (const it of items) {
      if (it.failure) transition(tx, it.id, "failed", SYSTEM, { from: ["draft"], detail: it.failure, now });
      else if (
        transition(tx, it.id, "pending_approval", SYSTEM, { from: ["draft"], action: "generated", now }) ||
        it.status === "pending_approval"
      )
        pending++;
    }
    return { output: { pending }, summary: `${pending} post(s) wait for approval.` };
  });
}

function noteOnItem(db: Parameters<typeof insertItemEvent>[0], itemId: number, detail: string, at: Date): void {
  insertItemEvent(db, {
    itemId,
    userId: null,
    at,
    action: "written by the built-in writer",
    channel: "system",
    fromStatus: null,
    toStatus: null,
    detail,
  });
}
