import type { Insights } from "../../src/learning/insights";
import { PLATFORM_RULES } from "../../src/platforms/rules";

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ratio = (x: number) => `${x.toFixed(2)}x`;

const count = (n: number) => Math.round(n).toLocaleString("en-US");

/**
 * "What works": per platform, the learner's reasons in words, the best posting windows with their evidence, the creative
 * arms' estimates and the A/B tests (the import page and /analytics, one section per web app there).
 */
export function WhatWorks(props: { insights: Insights; app?: string }): JSX.Element {
  return (
    <section class="card what-works" id={props.app === undefined ? "what-works" : undefined}>
      <h2 safe>{props.app === undefined ? "What works" : `What works: ${props.app}`}</h2>
      <p class="muted" safe>
        {`Times in ${props.insights.timezone}. Lifts are against your average engagement per impression on that platform, with an 80 % range.`}
      </p>
      {props.insights.platforms.map((p) => (
        <div class="stack">
          <h3
            safe
          >{`${PLATFORM_RULES[p.platform].name}: ${p.posts} posts (${p.importedPosts} imported), ${pct(p.engagementRate)} engagement`}</h3>
          {p.postsNeeded > 0 ? <p class="muted" safe>{`From the general table until ${p.postsNeeded} more posts have figures.`}</p> : ""}
          <ul class="what-works-reasons">
            {p.reasons.map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Days</th>
                  <th>Window</th>
                  <th>Lift</th>
                  <th>Range</th>
                  <th>Posts</th>
                  <th>Impressions</th>
                  <th>Vs table</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {p.bestWindows.map((w) => (
                  <tr>
                    <td>{w.days}</td>
                    <td safe>{w.window}</td>
                    <td safe>{ratio(w.lift)}</td>
                    <td safe>{`${ratio(w.low)}-${ratio(w.high)}`}</td>
                    <td safe>{String(w.posts)}</td>
                    <td safe>{count(w.impressions)}</td>
                    <td safe>{ratio(w.vsPrior)}</td>
                    <td>{w.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul>
            {p.arms.map((a) => (
              <li
                safe
              >{`${a.label}: ${a.values.map((v) => `${v.value.replace("_", " ")} ${ratio(v.lift)} (${v.posts} posts, ${count(v.impressions)} impr.)`).join(", ")}`}</li>
            ))}
          </ul>
          {p.experiments.length > 0 ? (
            <ul>
              {p.experiments.slice(-5).map((e) => (
                <li safe>{`A/B ${e.key}: ${e.summary}`}</li>
              ))}
            </ul>
          ) : (
            ""
          )}
        </div>
      ))}
    </section>
  );
}
