import { autoApproveAfterHours, expireUnapproved } from "../approvals/expiry";
import { checkpointAndOptimize } from "../jobs/maintenance";
import type { Schedule } from "../jobs/schedules";
import { syncComments } from "../inbox/sync";
import { collectMetrics } from "../metrics/collect";
import { sendDueDigests } from "../notify/digest";
import { queueDueNightlyRuns } from "../pipeline/nightly";
import { sendDueReports } from "../reports/send";
import { createAdapters } from "../publishing/adapters";
import { refreshDueTokens, schedulePublishing } from "../publishing/handlers";

/** Every schedule of the appliance, in one list. */
export const SCHEDULES: Schedule[] = [
  {
    name: "nightly-generation",
    cron: "*/5 * * * *",
    description: "Queues each web app's daily batch once its owner's local time passes pipeline.nightly_time (default 02:00).",
    runAtStart: true,
    handler: (ctx) => queueDueNightlyRuns(ctx).detail,
  },
  {
    name: "database-maintenance",
    cron: "40 3 * * *",
    description: "Checkpoints the SQLite write-ahead log and runs PRAGMA optimize.",
    handler: checkpointAndOptimize,
  },
  {
    name: "publish-scheduling",
    cron: "* * * * *",
    description: "Gives every approved item a publish job at its planned time (exactly once per item).",
    runAtStart: true,
    handler: (ctx) => `${schedulePublishing(ctx, ctx.clock.now())} scheduled`,
  },
  {
    name: "token-refresh",
    cron: "*/10 * * * *",
    description: "Refreshes platform access tokens ahead of expiry; a revoked grant marks the connection for reconnecting.",
    runAtStart: true,
    handler: async (ctx) => {
      const r = await refreshDueTokens(ctx, ctx.clock.now());
      return `${r.refreshed} refreshed, ${r.revoked} revoked, ${r.failed} failed`;
    },
  },
  {
    name: "metrics-collection",
    cron: "*/10 * * * *",
    description:
      "Reads published posts' metrics when due (hourly to 48 h, daily to day 30, weekly to day 90) and each account's follower count once a day.",
    handler: async (ctx) => {
      const r = await collectMetrics(ctx, { adapters: createAdapters(ctx) });
      return `${r.read} read, ${r.problems} problems, ${r.removed} removed, ${r.refused} refused, ${r.waiting} waiting, ${r.followers} follower counts`;
    },
  },
  {
    name: "digests",
    cron: "* * * * *",
    description: "Sends each user's approval digest (email, Telegram, in-app) at their digest time for the batches ready by then.",
    handler: async (ctx) => {
      await sendDueDigests(ctx, ctx.clock.now());
      return "done";
    },
  },
  {
    name: "report-emails",
    cron: "*/5 * * * *",
    description:
      "Emails each user their report (key figures inline, PDF attached) once per period: weekly on Monday 08:00 in their zone by default, or daily or monthly.",
    handler: async (ctx) => {
      const r = await sendDueReports(ctx, ctx.clock.now());
      return `${r.sent} sent, ${r.failed} failed`;
    },
  },
  {
    name: "expire-unapproved",
    cron: "*/15 * * * *",
    description: "Expires items nobody approved by the end of their day (unless the user opted in to auto-approval).",
    handler: async (ctx) => {
      await expireUnapproved(ctx, ctx.clock.now());
      return "done";
    },
  },
  {
    name: "auto-approve",
    cron: "*/5 * * * *",
    description: "Approves waiting items after N hours for users who opted in to full autonomy.",
    handler: async (ctx) => {
      await autoApproveAfterHours(ctx, ctx.clock.now());
      return "done";
    },
  },
  {
    name: "comment-sync",
    cron: "*/10 * * * *",
    description:
      "Reads new comments and replies on published posts when due (every 30 minutes to 48 h, every 3 h to day 7, daily to day 30, weekly to day 90), classifies them and reflects edits and deletions.",
    handler: async (ctx) => {
      const r = await syncComments(ctx, { adapters: createAdapters(ctx) });
      return `${r.posts} posts read, ${r.added} new, ${r.edited} edited, ${r.deleted} deleted, ${r.hidden} hidden as spam, ${r.waiting} waiting, ${r.problems.length} problems`;
    },
  },
];
