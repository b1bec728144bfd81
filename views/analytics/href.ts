// Links within the analytics page: the current filters with some changed, so every number can point at the posts behind it.
import type { FormState, Sort } from "../../src/analytics/params";
import type { PlatformId } from "../../src/platforms/ids";

/** What a link may change of the current filters. */
export interface HrefChange {
  day?: string; // one local day, as a custom range
  webappId?: number;
  platform?: PlatformId;
  sort?: Sort;
  anchor?: string;
}

/** The /analytics URL of the current filters with `change` applied (a quick range stays a quick range unless a day is chosen). */
export function analyticsHref(form: FormState, change: HrefChange = {}, path = "/analytics"): string {
  const q = new URLSearchParams();
  if (change.day) {
    q.set("range", "custom");
    q.set("from", change.day);
    q.set("to", change.day);
  } else if (form.range === "custom") {
    q.set("range", "custom");
    q.set("from", form.fromDate);
    q.set("to", form.toDate);
  } else q.set("range", form.range);
  for (const id of change.webappId !== undefined ? [change.webappId] : form.webappIds) q.append("webapp_id", String(id));
  for (const p of change.platform !== undefined ? [change.platform] : form.platforms) q.append("platform", p);
  q.set("sort", change.sort ?? form.sort);
  return `${path}?${q.toString()}${change.anchor ? `#${change.anchor}` : ""}`;
}
