import { CsrfField, FormMessages } from "../auth/fields";

/** The report email's frequencies with their words (the values match the user row's report_frequency). */
const CHOICES = [
  ["weekly", "Weekly, Monday 08:00 (last week)"],
  ["daily", "Daily, 08:00 (yesterday)"],
  ["monthly", "Monthly, the 1st at 08:00 (last month)"],
  ["off", "Off"],
] as const;

/** Settings: how often the report email comes, and the report PDFs to download now. */
export function ReportSettingsForm(props: { csrf: string; frequency: string; saved?: string; error?: string }): JSX.Element {
  return (
    <form method="post" action="/settings/report" class="stack card" id="report" hx-post="/settings/report" hx-swap="outerHTML">
      <h2>Report email</h2>
      <CsrfField csrf={props.csrf} />
      <FormMessages state={{ values: {}, errors: {}, message: props.error, ok: props.saved }} />
      <label for="f-report-frequency">
        <span>Send me the report</span>
        <select id="f-report-frequency" name="frequency" aria-describedby="f-report-frequency-hint">
          {CHOICES.map(([value, label]) => (
            <option value={value} selected={value === props.frequency} safe>
              {label}
            </option>
          ))}
        </select>
        <span class="hint" id="f-report-frequency-hint">
          Key figures in the email and the full report as a PDF, in your time zone.
        </span>
      </label>
      <div class="actions">
        <button type="submit">Save</button>
        <a href="/reports/week.pdf" download="">
          Download PDF: last week
        </a>
        <a href="/reports/month.pdf" download="">
          Download PDF: last month
        </a>
      </div>
    </form>
  );
}
