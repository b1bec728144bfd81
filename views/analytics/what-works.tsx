import type { Insights } from "../../src/learning/insights";
import { WhatWorks } from "../learning/what-works";

/** The analytics page's "What works": what the learner believes of each web app in the filter (all of them when none is picked). */
export function AnalyticsWhatWorks(props: { apps: { id: number; name: string; insights: Insights }[] }): JSX.Element {
  if (props.apps.length === 0) return <></>;
  return (
    <div id="what-works" class="analytics-what-works">
      <p class="hint">
        What the learner believes from each web app's own results (and imported history), for all time, not only the period above; it plans
        times and asks the writer for the openings, structures and formats that did better.{" "}
        <a href="/analytics/import">Import past results</a> to start it warm.
      </p>
      {props.apps.map((a) => (
        <WhatWorks insights={a.insights} app={a.name} />
      ))}
    </div>
  );
}
