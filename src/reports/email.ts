import Html from "@kitajs/html";
import { formatCount } from "../lib/format";
import type { ReportData } from "./data";
import { formatChange, formatRate, METRIC_LABELS, platformName, REPORT_METRICS } from "./figures";
import { hasPosts } from "./pdf";
import { periodLabel } from "./period";

/** A composed report email (the PDF goes with it as an attachment). */
export interface ReportEmail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => Html.escapeHtml(s);

const PERIOD_NOUN = { day: "Daily", week: "Weekly", month: "Monthly" } as const;

/** The key figures, each with its change (short, for the HTML grid) and in words against the period before (for the text). */
function keyFigures(data: ReportData): Array<{ label: string; value: string; change: string; versus: string }> {
  const now = data.summary.totals;
  const before = data.previous.totals;
  const against = data.period.previousName;
  return [
    ...REPORT_METRICS.map((m) => {
      const change = formatChange(now[m], before[m]);
      return { label: METRIC_LABELS[m], value: formatCount(now[m]), change, versus: `${change} against ${against}` };
    }),
    {
      label: "Engagement rate",
      value: formatRate(now.engagementRate),
      change: `${formatRate(before.engagementRate)} before`,
      versus: `${formatRate(before.engagementRate)} in ${against}`,
    },
  ];
}

// What both bodies say, worked out once.
interface Parts {
  apps: string;
  label: string;
  analyticsUrl: string;
  settingsUrl: string;
  empty?: string;
  figures: ReturnType<typeof keyFigures>;
  sentences: string[];
}

function textBody(data: ReportData, name: string, p: Parts): string {
  const top = data.top
    .slice(0, 3)
    .map((post, i) => `${i + 1}. ${platformName(post.platform)}: ${formatCount(post.views ?? 0)} views, “${post.caption.slice(0, 80)}”`);
  return [
    `Hello ${name},`,
    "",
    `Your ${PERIOD_NOUN[data.period.kind].toLowerCase()} report for ${p.apps}, ${p.label} (times in ${data.period.timeZone}).`,
    "",
    ...(p.empty
      ? [p.empty]
      : [...p.figures.map((f) => `${f.label}: ${f.value} (${f.versus})`), "", ...p.sentences.map((s) => `- ${s}`), "", ...top]),
    "",
    "The full report is attached as a PDF.",
    `Analytics: ${p.analyticsUrl}`,
    `Change how often this email comes: ${p.settingsUrl}`,
  ].join("\n");
}

function htmlBody(data: ReportData, name: string, p: Parts): string {
  const cell = (f: { label: string; value: string; change: string }) =>
    `<td style="padding:8px 12px 8px 0;vertical-align:top"><div style="font-size:12px;color:#616e7c">${esc(f.label)}</div><div style="font-size:20px;font-weight:700;color:#1f2933">${esc(f.value)}</div><div style="font-size:12px;color:#616e7c">${esc(f.change)}</div></td>`;
  const rows = [p.figures.slice(0, 4), p.figures.slice(4)].map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("");
  const body = p.empty
    ? `<p>${esc(p.empty)}</p>`
    : `<table role="presentation" style="border-collapse:collapse">${rows}</table>
<p style="font-size:12px;color:#616e7c">Changes are against ${esc(data.period.previousName)}.</p>
<ul>${p.sentences.map((s) => `<li>${esc(s)}</li>`).join("")}</ul>`;
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:640px">
<p>Hello ${esc(name)},</p>
<h1 style="font-size:20px">${esc(p.apps)}: ${esc(p.label)}</h1>
<p style="font-size:12px;color:#616e7c">Times in ${esc(data.period.timeZone)}.</p>
${body}
<p>The full report is attached as a PDF. <a href="${esc(p.analyticsUrl)}">Open analytics</a></p>
<p style="font-size:12px;color:#616e7c"><a href="${esc(p.settingsUrl)}">Change how often this email comes</a></p>
</body></html>`;
}

/** Builds the report email: the key figures and observations inline (HTML and plain text, every value escaped). */
export function composeReportEmail(data: ReportData, opts: { name: string; baseUrl: string }): ReportEmail {
  const label = periodLabel(data.period);
  const parts: Parts = {
    apps: data.webappNames.join(", ") || "your web apps",
    label,
    analyticsUrl: `${opts.baseUrl}/analytics`,
    settingsUrl: `${opts.baseUrl}/settings#report`,
    empty: hasPosts(data) ? undefined : `There was nothing to measure: no post was published in ${label}.`,
    figures: keyFigures(data),
    sentences: data.observations.tooThin ? [data.observations.tooThin] : data.observations.lines,
  };
  return {
    subject: `${PERIOD_NOUN[data.period.kind]} report: ${parts.apps}, ${label}`,
    text: textBody(data, opts.name, parts),
    html: htmlBody(data, opts.name, parts),
  };
}
