// Links within the analytics page: the current filters with some changed, so every number can point at the posts behind it.
import type { FormState, Sort } from "../../src/analytics/params";
import type { PlatformId } from "../../src/platforms/ids";

/** What a link may change of the current filters. */
export interface HrefChange {
  webappId?: number;
  platform?: PlatformId;
  sort?: Sort;
  anchor?: string;
  /** Rows of the posts table to show (the no-JS "more" link), or where its next page starts (the htmx one). */
  show?: number;
  offset?: number;
}

/** The /analytics URL of the current filters with `change` applied (a quick range stays a quick range). */
export function analyticsHref(form: FormState, change: HrefChange = {}, path = "/analytics"): string {
  const q = new URLSearchParams();
  if (form.range === "custom") {
    q.set("range", "custom");
    q.set("from", form.fromDate);
    q.set("to", form.toDate);
  } else q.set("range", form.range);
  for (const id of change.webappId !== undefined ? [change.webappId] : form.webappIds) q.append("webapp_id", String(id));
  for (const p of change.platform !== undefined ? [change.platform] : form.platforms) q.append("platform", p);
  q.set("sort", change.sort ?? form.sort);
  if (change.show !== undefined) q.set("show", String(change.show));
  if (change.offset !== undefined) q.set("offset", String(change.offset));
  return `${path}?${q.toString()}${change.anchor ? `#${change.anchor}` : ""}`;
}
