import type { CalendarItem } from "../../src/calendar/store";
import type { CalendarRange } from "../../src/calendar/range";
import { localParts, toDatetimeLocal } from "../../src/lib/zoned-time";
import { PLATFORM_RULES } from "../../src/platforms/rules";
import type { PlatformId } from "../../src/platforms/ids";
import { statusClass, statusLabel } from "../approvals/card";
import { mediaUrl, type ItemMedia } from "../media/preview";

/** States from which a post may still move: waiting, approved, or scheduled (its publish job moves with it). */
const MOVABLE = ["pending_approval", "approved", "scheduled"];

/** The instant a calendar item sits at: when it was published, else its plan. */
export function shownAt(item: CalendarItem): Date | null {
  return item.publishedAt ?? item.plannedAt;
}

const pad = (n: number) => String(n).padStart(2, "0");

function thumbnail(media: Record<string, unknown>): string | undefined {
  const m = media as ItemMedia;
  return m.cover ?? m.images?.[0]?.path;
}

function shortText(item: CalendarItem): string {
  const text = item.title || item.caption;
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/** The hidden fields every move form carries: where to come back to. */
export function ReturnFields(props: { csrf: string; range: CalendarRange }): JSX.Element {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="view" value={props.range.view} />
      <input type="hidden" name="date" value={props.range.anchor} />
    </>
  );
}

/** One post on the calendar: platform colour, thumbnail, time, text, state, and (while it may move) a move form. */
export function CalendarEntry(props: { item: CalendarItem; timezone: string; csrf: string; range: CalendarRange }): JSX.Element {
  const { item } = props;
  const at = shownAt(item);
  const p = at ? localParts(at, props.timezone) : undefined;
  const time = p ? `${pad(p.hour)}:${pad(p.minute)}` : "";
  const movable = MOVABLE.includes(item.status);
  const thumb = thumbnail(item.media);
  const platformLabel = PLATFORM_RULES[item.platform as PlatformId]?.label ?? item.platform;
  return (
    <li
      class={`cal-item cal-p-${item.platform}${movable ? " cal-movable" : ""}`}
      id={`cal-item-${item.id}`}
      draggable={movable ? "true" : undefined}
      data-item={movable ? String(item.id) : undefined}
      data-time={time}
    >
      {thumb ? <img class="cal-thumb" src={mediaUrl(thumb)} alt="" width="40" height="40" loading="lazy" /> : ""}
      <div class="cal-text">
        <span class="cal-time" safe>
          {`${item.status === "published" ? "Published" : "Planned"} ${time} · ${platformLabel}`}
        </span>
        <a href={`/content/${item.id}`} class="cal-title" safe>
          {shortText(item) || `Post ${item.id}`}
        </a>
        <span class={statusClass(item.status)} safe>
          {statusLabel(item.status)}
        </span>
        {movable && at ? (
          <details class="cal-move">
            <summary>Move</summary>
            <form method="post" action="/calendar/move" hx-post="/calendar/move" hx-target="#calendar" hx-swap="outerHTML">
              <ReturnFields csrf={props.csrf} range={props.range} />
              <input type="hidden" name="item" value={String(item.id)} />
              <label>
                New time
                <input type="datetime-local" name="plannedAt" value={toDatetimeLocal(at, props.timezone)} required />
              </label>
              <button type="submit" class="secondary">
                Move
              </button>
            </form>
          </details>
        ) : (
          ""
        )}
      </div>
    </li>
  );
}
