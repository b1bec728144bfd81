import type { User } from "../../src/auth/sessions";
import type { CalendarRange } from "../../src/calendar/range";
import type { CalendarItem } from "../../src/calendar/store";
import { localDate } from "../../src/lib/zoned-time";
import { Page } from "../layout/page";
import { CalendarEntry, ReturnFields, shownAt } from "./item";

/** A sentence shown above the calendar after a move (or a refused one). */
export interface CalendarFlash {
  kind: "ok" | "error";
  text: string;
}

/** What the calendar shows: the range, its posts, and who is looking (zone, form token). */
export interface CalendarProps {
  range: CalendarRange;
  items: CalendarItem[];
  timezone: string;
  csrf: string;
  flash?: CalendarFlash;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${WEEKDAYS[(d.getUTCDay() + 6) % 7]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.slice(0, 3)}`;
}

function heading(r: CalendarRange): string {
  if (r.view === "month") return `${MONTHS[Number(r.month.slice(5)) - 1]} ${r.month.slice(0, 4)}`;
  return `Week of ${dayLabel(r.days[0]!)} ${r.days[0]!.slice(0, 4)}`;
}

function byDay(items: CalendarItem[], timezone: string): Map<string, CalendarItem[]> {
  const days = new Map<string, CalendarItem[]>();
  for (const item of items) {
    const at = shownAt(item);
    if (!at) continue;
    const day = localDate(at, timezone);
    days.set(day, [...(days.get(day) ?? []), item]);
  }
  return days;
}

const href = (view: string, date: string) => `/calendar?view=${view}&date=${date}`;

function Navigation(props: { range: CalendarRange; timezone: string }): JSX.Element {
  const r = props.range;
  const other = r.view === "week" ? "month" : "week";
  return (
    <div class="cal-head">
      <h2 safe>{heading(r)}</h2>
      <nav class="cal-nav" aria-label="Calendar">
        <a class="button secondary" href={href(r.view, r.prev)}>
          Previous
        </a>
        <a class="button secondary" href={href(r.view, r.today)}>
          Today
        </a>
        <a class="button secondary" href={href(r.view, r.next)}>
          Next
        </a>
        <a class="button secondary" href={href(other, r.anchor)}>
          {other === "week" ? "Week view" : "Month view"}
        </a>
      </nav>
      <p class="muted" safe>
        {`Times in ${props.timezone}. Drag a planned or scheduled post to another day, or use its Move form.`}
      </p>
    </div>
  );
}

/** The calendar itself (heading, navigation and the grid, which a phone's stylesheet turns into an agenda list): the page's content and the answer to a move. */
export function CalendarBody(props: CalendarProps): JSX.Element {
  const r = props.range;
  const days = byDay(props.items, props.timezone);
  return (
    <div id="calendar" class="calendar">
      <Navigation range={r} timezone={props.timezone} />
      {props.flash ? (
        <div class={`notice notice-${props.flash.kind}`} role={props.flash.kind === "error" ? "alert" : "status"} safe>
          {props.flash.text}
        </div>
      ) : (
        ""
      )}
      <form id="cal-drag" method="post" action="/calendar/move" hx-post="/calendar/move" hx-target="#calendar" hx-swap="outerHTML" hidden>
        <ReturnFields csrf={props.csrf} range={r} />
        <input type="hidden" name="item" value="" />
        <input type="hidden" name="plannedAt" value="" />
      </form>
      <div class="cal-weekdays" aria-hidden="true">
        {WEEKDAYS.map((d) => (
          <span safe>{d}</span>
        ))}
      </div>
      {props.items.length === 0 ? <p class="cal-empty muted">Nothing planned or published in this period.</p> : ""}
      <ol class={`cal-grid cal-${r.view}`}>
        {r.days.map((day) => (
          <li
            class={`cal-day${day === r.today ? " cal-today" : ""}${r.view === "month" && !day.startsWith(r.month) ? " cal-outside" : ""}`}
            data-date={day}
          >
            <h3 class="cal-date" safe>
              {dayLabel(day)}
            </h3>
            <ul class="cal-items">
              {(days.get(day) ?? []).map((item) => (
                <CalendarEntry item={item} timezone={props.timezone} csrf={props.csrf} range={r} />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The calendar page: week or month of planned and published posts in the user's zone, an agenda on a phone. */
export function CalendarPage(props: CalendarProps & { user: User; unread: number }): JSX.Element {
  return (
    <Page title="Calendar" user={props.user} csrf={props.csrf} unread={props.unread} active="calendar">
      <>
        <link rel="stylesheet" href="/public/calendar.css" />
        <script src="/public/calendar.js" defer></script>
        <CalendarBody {...props} />
      </>
    </Page>
  );
}
