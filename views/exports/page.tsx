import type { User } from "../../src/auth/sessions";
import type { WorkProgress } from "../../src/lib/progress";
import { Page } from "../layout/page";
import { ProgressBar } from "../layout/progress";
import { ExportForm } from "./form";

/** Where an export is: waiting for a worker, being written, ready to download, failed, or removed after its day. */
export type ExportState = "waiting" | "building" | "ready" | "failed" | "gone";

/** What the export page shows of one export. */
export interface ExportView {
  id: number;
  /** What it holds, as a phrase ("the bundle of post 12 ..."). */
  subject: string;
  state: ExportState;
  progress: WorkProgress;
  filename: string;
  /** Why it failed, in a sentence. */
  error?: string;
  /** The form fields that ask for the same export again. */
  again: { what: "item" | "batch" | "account"; id: number };
}

/**
 * The live part of the export page. While the export waits or is written it asks for itself again every second;
 * the answer once it is ready (or failed) has no trigger, so the polling stops. Without JavaScript a reload shows the same.
 */
export function ExportStatus(props: { view: ExportView; csrf: string }): JSX.Element {
  const v = props.view;
  const live = v.state === "waiting" || v.state === "building";
  return (
    <section
      id="export-status"
      class="export-status"
      aria-busy={live ? "true" : "false"}
      aria-live="polite"
      hx-get={live ? `/exports/${v.id}/progress` : undefined}
      hx-trigger={live ? "every 1s" : undefined}
      hx-swap={live ? "outerHTML" : undefined}
    >
      {live ? (
        <>
          <p safe>{v.state === "waiting" ? "Waiting for a free worker to start…" : "Writing the zip…"}</p>
          <ProgressBar label="Export progress" progress={v.progress} />
          <noscript>
            <p class="muted">Reload this page to see how far it is.</p>
          </noscript>
        </>
      ) : (
        ""
      )}
      {v.state === "ready" ? (
        <>
          <p class="notice notice-ok" role="status" safe>
            {`Ready: ${v.filename}`}
          </p>
          <a class="button" href={`/exports/${v.id}/download`} download={v.filename}>
            Download the zip
          </a>
        </>
      ) : (
        ""
      )}
      {v.state === "failed" ? (
        <>
          <p class="notice notice-error" role="alert" safe>
            {`The export could not be written: ${v.error ?? "unknown error"}. Nothing half-written is offered.`}
          </p>
          <ExportForm csrf={props.csrf} what={v.again.what} id={v.again.id} label="Try again" />
        </>
      ) : (
        ""
      )}
      {v.state === "gone" ? (
        <>
          <p class="muted">This export was removed a day after it was made. Make a fresh one:</p>
          <ExportForm csrf={props.csrf} what={v.again.what} id={v.again.id} label="Export again" />
        </>
      ) : (
        ""
      )}
    </section>
  );
}

/** The page of one export: what it holds, its live progress, then the download. */
export function ExportPage(props: { user: User; csrf: string; unread: number; view: ExportView }): JSX.Element {
  return (
    <Page title="Export" user={props.user} csrf={props.csrf} unread={props.unread} active="platforms">
      <>
        <p safe>{`This zip holds ${props.view.subject}.`}</p>
        <ExportStatus view={props.view} csrf={props.csrf} />
      </>
    </Page>
  );
}
