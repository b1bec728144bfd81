import Html from "@kitajs/html";
import { formatCount } from "../lib/format";
import type { ReportData } from "./data";
import { formatChange, formatRate, platformName, REPORT_METRICS } from "./figures";
import { hasPosts } from "./pdf";
import { periodLabel } from "./period";

/** A composed report email (the PDF goes with it as an attachment). */
export interface ReportEmail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => Html.escapeHtml(s);

const LABELS: Record<(typeof REPORT_METRICS)[number], string> = {
  posts: "Posts",
  views: "Views",
  likes: "Likes",
  comments: "Comments",
  shares: "Shares",
  saves: "Saves",
  clicks: "Link visits",
};

const PERIOD_NOUN = { day: "Daily", week: "Weekly", month: "Monthly" } as const;

/** The key figures, each with its change (short, for the HTML grid) and in words against the period before (for the text). */
function keyFigures(data: ReportData): Array<{ label: string; value: string; change: string; versus: string }> {
  const now = data.summary.totals;
  const before = data.previous.totals;
  const against = data.period.previousName;
  return [
    ...REPORT_METRICS.map((m) => {
      const change = formatChange(now[m], before[m]);
      return { label: LABELS[m], value: formatCount(now[m]), change, versus: `${change} against ${against}` };
    }),
    {
      label: "Engagement rate",
      value: formatRate(now.engagementRate),
      change: `${formatRate(before.engagementRate)} before`,
      versus: `${formatRate(before.engagementRate)} in ${against}`,
    },
  ];
}

/** Builds the report email: the key figures and observations inline (HTML and plain text, every value escaped). */
export function composeReportEmail(data: ReportData, opts: { name: string; baseUrl: string }): ReportEmail {
  const label = periodLabel(data.period);
  const apps = data.webappNames.join(", ") || "your web apps";
  const subject = `${PERIOD_NOUN[data.period.kind]} report: ${apps}, ${label}`;
  const analyticsUrl = `${opts.baseUrl}/analytics`;
  const settingsUrl = `${opts.baseUrl}/settings#report`;
  const empty = hasPosts(data) ? undefined : `There was nothing to measure: no post was published in ${label}.`;
  const figures = keyFigures(data);
  const sentences = data.observations.tooThin ? [data.observations.tooThin] : data.observations.lines;
  const text = [
    `Hello ${opts.name},`,
    "",
    `Your ${PERIOD_NOUN[data.period.kind].toLowerCase()} report for ${apps}, ${label} (times in ${data.period.timeZone}).`,
    "",
    ...(empty
      ? [empty]
      : [
          ...figures.map((f) => `${f.label}: ${f.value} (${f.versus})`),
          "",
          ...sentences.map((s) => `- ${s}`),
          "",
          ...data.top
            .slice(0, 3)
            .map((p, i) => `${i + 1}. ${platformName(p.platform)}: ${formatCount(p.views ?? 0)} views, “${p.caption.slice(0, 80)}”`),
        ]),
    "",
    "The full report is attached as a PDF.",
    `Analytics: ${analyticsUrl}`,
    `Change how often this email comes: ${settingsUrl}`,
  ].join("\n");
  const cell = (f: { label: string; value: string; change: string }) =>
    `<td style="padding:8px 12px 8px 0;vertical-align:top"><div style="font-size:12px;color:#616e7c">${esc(f.label)}</div><div style="font-size:20px;font-weight:700;color:#1f2933">${esc(f.value)}</div><div style="font-size:12px;color:#616e7c">${esc(f.change)}</div></td>`;
  const rows = [figures.slice(0, 4), figures.slice(4)].map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("");
  const body = empty
    ? `<p>${esc(empty)}</p>`
    : `<table role="presentation" style="border-collapse:collapse">${rows}</table>
<p style="font-size:12px;color:#616e7c">Changes are against ${esc(data.period.previousName)}.</p>
<ul>${sentences.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:640px">
<p>Hello ${esc(opts.name)},</p>
<h1 style="font-size:20px">${esc(apps)}: ${esc(label)}</h1>
<p style="font-size:12px;color:#616e7c">Times in ${esc(data.period.timeZone)}.</p>
${body}
<p>The full report is attached as a PDF. <a href="${esc(analyticsUrl)}">Open analytics</a></p>
<p style="font-size:12px;color:#616e7c"><a href="${esc(settingsUrl)}">Change how often this email comes</a></p>
</body></html>`;
  return { subject, text, html };
}
