import Html from "@kitajs/html";
import { timeLeftText, type WorkProgress } from "../../src/lib/progress";

/** A labelled progress bar with percent, time left and what is happening now ("42% · about 20 s left · encoding"). */
export function ProgressBar(props: { label: string; progress: WorkProgress }): JSX.Element {
  const p = props.progress;
  const words = [`${p.percent}%`, timeLeftText(p.secondsLeft), p.note].filter((w) => w !== "").join(" · ");
  return (
    <div class="work-progress">
      <progress max="100" value={String(p.percent)} aria-label={props.label}>
        {Html.escapeHtml(`${p.percent}%`)}
      </progress>
      <span class="muted progress-words" safe>
        {words}
      </span>
    </div>
  );
}
