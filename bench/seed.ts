import type { RunningServer } from "../tests/support/server";

/** What the load is aimed at: a URL and the headers (session cookie) it needs. */
export interface LoadTarget {
  url: string;
  label: string;
  headers: Record<string, string>;
}

/** Prepares the dashboard load target. Until the dashboard route exists this is /healthz. */
export async function seedDashboard(server: RunningServer): Promise<LoadTarget> {
  return { url: `${server.url}/healthz`, label: "/healthz", headers: {} };
}
