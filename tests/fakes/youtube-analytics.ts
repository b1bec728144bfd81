import { gError } from "./youtube-thumbnails";

/** A video's lifetime figures as the YouTube Analytics API reports them (minutes, seconds, percent, count). */
export interface VideoFigures {
  views: number;
  estimatedMinutesWatched: number;
  averageViewDuration: number;
  averageViewPercentage: number;
  shares: number;
}

/** Scripted answers of reports.query: the project's Analytics quota used up (403 quotaExceeded) or a 429 rate limit. */
export type AnalyticsFault = "quota" | "rate_limit";

const KNOWN = new Set(["views", "estimatedMinutesWatched", "averageViewDuration", "averageViewPercentage", "shares", "likes", "comments"]);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The fake YouTube Analytics API v2: GET /v2/reports for the channel's top-videos report (ids=channel==MINE,
 * dimensions=video, filters=video==a,b,..., sort and maxResults <= 200 required), columnHeaders then rows in the
 * order asked, rows left out for videos without data (as for a video's first day). A grant without
 * yt-analytics.readonly answers 403 insufficientPermissions.
 */
export class YouTubeAnalytics {
  /** Figures by video id; a video not here has no analytics rows yet. */
  readonly figures = new Map<string, VideoFigures>();
  /** False: the grant lacks yt-analytics.readonly. */
  granted = true;
  /** Queries answered (quota is counted per query, apart from the Data API's units). */
  queries = 0;
  readonly faults: AnalyticsFault[] = [];

  /** Answers one reports.query. */
  report(url: URL): Response {
    const q = url.searchParams;
    if (!this.granted)
      return gError(403, "Request had insufficient authentication scopes.", "insufficientPermissions", "PERMISSION_DENIED");
    const fault = this.faults.shift();
    if (fault === "quota")
      return gError(403, "The request cannot be completed because you have exceeded your quota.", "quotaExceeded", "RESOURCE_EXHAUSTED");
    if (fault === "rate_limit")
      return gError(
        429,
        "The request cannot be completed because you have exceeded your quota.",
        "rateLimitExceeded",
        "RESOURCE_EXHAUSTED",
      );
    const bad = (m: string) => gError(400, m, "badRequest", "INVALID_ARGUMENT");
    if (q.get("ids") !== "channel==MINE") return bad("Unknown identifier (ids) given in field ids.");
    if (!DAY.test(q.get("startDate") ?? "") || !DAY.test(q.get("endDate") ?? "")) return bad("Required: startDate, endDate");
    const metrics = (q.get("metrics") ?? "").split(",").filter(Boolean);
    if (metrics.length === 0 || metrics.some((m) => !KNOWN.has(m))) return bad("Unknown identifier given in field metrics.");
    if (q.get("dimensions") !== "video") return bad("The query is not supported in this fake.");
    const max = Number(q.get("maxResults"));
    if (!q.get("sort") || !Number.isInteger(max) || max < 1 || max > 200)
      return bad("The query is not supported. Top videos need sort and maxResults <= 200.");
    const m = /^video==([\w,-]+)$/.exec(q.get("filters") ?? "");
    if (!m) return bad("Invalid filters.");
    this.queries++;
    const rows = m[1]!
      .split(",")
      .filter((id) => this.figures.has(id))
      .map((id) => [id, ...metrics.map((k) => (this.figures.get(id) as unknown as Record<string, number>)[k] ?? 0)])
      .slice(0, max);
    return Response.json({
      kind: "youtubeAnalytics#resultTable",
      columnHeaders: [
        { name: "video", columnType: "DIMENSION", dataType: "STRING" },
        ...metrics.map((name) => ({
          name,
          columnType: "METRIC",
          dataType: name === "averageViewPercentage" ? "FLOAT" : "INTEGER",
        })),
      ],
      // No data: the rows element is left out, as documented.
      ...(rows.length > 0 ? { rows } : {}),
    });
  }
}
