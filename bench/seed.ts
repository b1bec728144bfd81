import { join } from "node:path";
import type { AppContext } from "../src/app/context";
import { createSession } from "../src/auth/sessions";
import { openDatabase } from "../src/db/client";
import { sessionCookieName } from "../src/http/session";
import { createUser } from "../src/users/store";
import { insertWebapp } from "../src/webapps/store";
import type { RunningServer } from "../tests/support/server";

/** What the load is aimed at: a URL and the headers (session cookie) it needs. */
export interface LoadTarget {
  url: string;
  label: string;
  headers: Record<string, string>;
}

/** Seeds a signed-in user with 50 web apps through the stores, and aims the load at their /dashboard. */
export async function seedDashboard(server: RunningServer, webappCount = 50): Promise<LoadTarget> {
  const db = openDatabase(join(server.dataDir, "amarktai.db"));
  try {
    const now = new Date();
    const user = createUser(
      db,
      { email: "bench@example.com", name: "Bench Owner", passwordHash: "not-used", role: "admin", timezone: "Europe/Berlin" },
      now,
    );
    for (let i = 1; i <= webappCount; i++) {
      insertWebapp(
        db,
        user.id,
        {
          url: `https://app${i}.example.com/`,
          name: `Bench app ${i}`,
          description: `Web app number ${i}, seeded for the dashboard benchmark.`,
          keywords: ["planning", "teams", `k${i}`],
          platforms: ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"],
        },
        now,
      );
    }
    const { token } = createSession(db, user.id, now, 30);
    const name = sessionCookieName({ config: { server: { public_base_url: server.url } } } as AppContext);
    const target = {
      url: `${server.url}/dashboard`,
      label: `/dashboard (signed in, ${webappCount} web apps)`,
      headers: { cookie: `${name}=${token}` },
    };
    const check = await fetch(target.url, { headers: target.headers, redirect: "manual" });
    if (check.status !== 200) throw new Error(`bench: the seeded session does not open /dashboard (status ${check.status})`);
    return target;
  } finally {
    db.$client.close();
  }
}
