import type { WorkerStatus } from "../../src/admin/registry";
import type { Probe, WorkersOverview } from "../../src/admin/status";
import type { User } from "../../src/auth/sessions";
import { formatInZone } from "../../src/lib/format";
import { Breadcrumb, Page } from "../layout/page";

/** How often the live part of the workers page asks for itself again. */
export const WORKERS_REFRESH = "every 5s";

/** A byte count in the unit a person reads (GB for disks). */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

// "12 s ago", "3 min ago": how long since a time, from the page's check time.
function ago(at: Date, now: Date): string {
  return agoMs(now.getTime() - at.getTime());
}

function agoMs(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

function WorkerRow(p: { w: WorkerStatus; zone: string }): JSX.Element {
  return (
    <tr data-worker={`${p.w.host} ${p.w.pid}`} class={p.w.gone ? "muted" : undefined}>
      <td data-label="Role">
        <strong safe>{p.w.role}</strong> <span class={`badge ${p.w.gone ? "danger" : "ok"}`}>{p.w.gone ? "gone" : "alive"}</span>
      </td>
      <td data-label="Host and pid" safe>{`${p.w.host} (pid ${p.w.pid})`}</td>
      <td data-label="Started" safe>
        {formatInZone(p.w.startedAt, p.zone)}
      </td>
      <td data-label="Last heartbeat" safe>
        {agoMs(p.w.silentMs)}
      </td>
      <td data-label="Running">
        {p.w.running.length === 0 ? (
          <span class="muted">idle</span>
        ) : (
          <ul>
            {p.w.running.map((r) => (
              <li safe>{r}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function ProbeRow(p: { probe: Probe }): JSX.Element {
  const space =
    p.probe.freeBytes !== undefined && p.probe.totalBytes !== undefined
      ? `; ${formatBytes(p.probe.freeBytes)} free of ${formatBytes(p.probe.totalBytes)}`
      : "";
  return (
    <tr>
      <td data-label="Service" safe>
        {p.probe.name}
      </td>
      <td data-label="Status">
        <span class={`badge ${p.probe.ok ? "ok" : "danger"}`}>{p.probe.ok ? "ok" : "down"}</span>
      </td>
      <td data-label="Latency" safe>{`${p.probe.ms} ms`}</td>
      <td data-label="Detail" safe>{`${p.probe.detail}${space}`}</td>
    </tr>
  );
}

/** The part of /admin/workers that refreshes itself: processes, queues, databases and the media store. */
export function WorkersPanel(p: { o: WorkersOverview; zone: string }): JSX.Element {
  const { o } = p;
  return (
    <div id="workers-live" hx-get="/admin/workers/panel" hx-trigger={WORKERS_REFRESH} hx-swap="outerHTML">
      <p class="muted" safe>
        {o.mode === "single"
          ? `Single box: one process runs every part. Checked ${formatInZone(o.checkedAt, p.zone)}.`
          : `Distributed mode. Checked ${formatInZone(o.checkedAt, p.zone)}; a process silent for ${o.goneAfterSeconds} s (three heartbeats) shows as gone.`}
      </p>
      <section>
        <h2>Processes</h2>
        {o.workersProblem ? (
          <p class="notice notice-error" role="alert" safe>{`The processes cannot be listed: ${o.workersProblem}`}</p>
        ) : (
          ""
        )}
        <div class="table-wrap">
          <table id="workers">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Host and pid</th>
                <th scope="col">Started</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Running</th>
              </tr>
            </thead>
            <tbody>
              {o.workers.map((w) => (
                <WorkerRow w={w} zone={p.zone} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2 safe>{`Queues (${o.queueAdapter === "sqlite" ? "SQLite" : "pg-boss on PostgreSQL"})`}</h2>
        {o.queuesProblem ? <p class="notice notice-error" role="alert" safe>{`The queues cannot be read: ${o.queuesProblem}`}</p> : ""}
        <div class="table-wrap">
          <table id="queues">
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Waiting</th>
                <th scope="col">Running</th>
                <th scope="col">Failed</th>
                <th scope="col">Oldest waiting</th>
              </tr>
            </thead>
            <tbody>
              {o.queues.map((q) => (
                <tr id={`queue-${q.kind}`}>
                  <td data-label="Queue" safe>
                    {q.kind}
                  </td>
                  <td data-label="Waiting" safe>
                    {String(q.queued)}
                  </td>
                  <td data-label="Running" safe>
                    {String(q.running)}
                  </td>
                  <td data-label="Failed" safe>
                    {String(q.failed)}
                  </td>
                  <td data-label="Oldest waiting" safe>
                    {q.oldestQueued ? `${formatInZone(q.oldestQueued, p.zone)} (${ago(q.oldestQueued, o.checkedAt)})` : "none"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>Databases and media store</h2>
        <div class="table-wrap">
          <table id="services">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Status</th>
                <th scope="col">Latency</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {[...o.databases, o.bucket].map((probe) => (
                <ProbeRow probe={probe} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** /admin/workers (admins): the processes, the queues, and whether the databases and the media store answer. */
export function WorkersPage(p: { user: User; csrf: string; unread: number; o: WorkersOverview }): JSX.Element {
  return (
    <Page title="Workers and queues" user={p.user} csrf={p.csrf} unread={p.unread} active="settings">
      <>
        <Breadcrumb parent={{ href: "/settings", label: "Settings" }} current="Workers and queues" />
        <WorkersPanel o={p.o} zone={p.user.timezone} />
      </>
    </Page>
  );
}
