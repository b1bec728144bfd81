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

/** What the analytics seed made: the load target (/analytics for 90 days) and one short link's code. */
export interface AnalyticsSeed {
  target: LoadTarget;
  shortCode: string;
  posts: number;
  snapshots: number;
  clicks: number;
}

/**
 * Seeds a signed-in user with `apps` web apps and `posts` published posts spread over the last 90 days, each with
 * `readings` metric snapshots (about 150,000 rows for 5,000 x 30) and a few counted clicks, straight through SQL in one
 * transaction (the stores would take minutes), and aims the load at /analytics for 90 days.
 */
export async function seedAnalytics(
  server: RunningServer,
  o: { apps?: number; posts?: number; readings?: number } = {},
): Promise<AnalyticsSeed> {
  const apps = o.apps ?? 5;
  const posts = o.posts ?? 5000;
  const readings = o.readings ?? 30;
  const db = openDatabase(join(server.dataDir, "amarktai.db"));
  try {
    const now = Date.now();
    const user = createUser(
      db,
      { email: "analytics@example.com", name: "Analytics Owner", passwordHash: "not-used", role: "admin", timezone: "Europe/Berlin" },
      new Date(now),
    );
    const appIds = Array.from(
      { length: apps },
      (_, i) => insertWebapp(db, user.id, { url: `https://stats${i + 1}.example.com/`, name: `Stats app ${i + 1}` }, new Date(now)).id,
    );
    const platforms = ["youtube", "tiktok", "instagram", "facebook", "x", "linkedin"];
    const c = db.$client;
    const item = c.prepare(
      "INSERT INTO content_items (user_id, webapp_id, platform, format, status, caption, media, permalink, created_at, updated_at) VALUES (?, ?, ?, 'video', 'published', ?, ?, ?, ?, ?) RETURNING id",
    );
    const collection = c.prepare(
      "INSERT INTO metric_collection (item_id, user_id, platform, remote_id, published_at, state, last_good_at) VALUES (?, ?, ?, ?, ?, 'collecting', ?)",
    );
    const snapshot = c.prepare(
      "INSERT INTO metric_snapshots (item_id, user_id, webapp_id, platform, taken_at, views, likes, comments, shares, saves) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const link = c.prepare("INSERT INTO short_links (code, item_id, user_id, target_url, created_at) VALUES (?, ?, ?, ?, ?)");
    const click = c.prepare("INSERT INTO link_clicks (item_id, day, visitor, code, clicked_at) VALUES (?, ?, ?, ?, ?)");
    let snapshots = 0;
    let clicks = 0;
    let shortCode = "";
    // Readings are inserted in time order across all posts, as the collector writes them, so the table's layout is realistic.
    const readingsToWrite: { itemId: number; webappId: number; platform: string; at: number; k: number; i: number }[] = [];
    c.transaction(() => {
      for (let i = 0; i < posts; i++) {
        const webappId = appIds[i % apps]!;
        const platform = platforms[i % platforms.length]!;
        const publishedAt = now - Math.floor(((i + 0.5) / posts) * 90 * 86_400_000);
        const row = item.get(
          user.id,
          webappId,
          platform,
          `Post ${i + 1}: plan your week in two minutes, with a caption long enough to be cut on the page.`,
          JSON.stringify({ cover: `items/${i + 1}/cover.jpg` }),
          `https://social.example.com/p/${i + 1}`,
          publishedAt,
          publishedAt,
        ) as { id: number };
        const span = now - publishedAt;
        for (let k = 1; k <= readings; k++)
          readingsToWrite.push({ itemId: row.id, webappId, platform, at: publishedAt + Math.floor((span * k) / readings), k, i });
        collection.run(row.id, user.id, platform, `remote-${i + 1}`, publishedAt, now);
        const code = `bench${String(i).padStart(5, "0")}`;
        link.run(code, row.id, user.id, `https://stats.example.com/?utm_source=${platform}&i=${i}`, publishedAt);
        if (i === 0) shortCode = code;
        for (let v = 0; v < i % 10; v++) {
          const at = publishedAt + v * 3_600_000;
          click.run(row.id, new Date(at).toISOString().slice(0, 10), `visitor-${v}`, code, at);
          clicks++;
        }
      }
      readingsToWrite.sort((a, b) => a.at - b.at);
      for (const r of readingsToWrite) {
        const views = 40 * r.k + (r.i % 97);
        snapshot.run(
          r.itemId,
          user.id,
          r.webappId,
          r.platform,
          r.at,
          views,
          Math.floor(views / 12),
          Math.floor(views / 60),
          Math.floor(views / 90),
          r.platform === "x" ? null : Math.floor(views / 120),
        );
        snapshots++;
      }
    })();
    c.run("ANALYZE");
    const { token } = createSession(db, user.id, new Date(now), 30);
    const name = sessionCookieName({ config: { server: { public_base_url: server.url } } } as AppContext);
    const target = {
      url: `${server.url}/analytics?range=90`,
      label: `/analytics for 90 days (${apps} web apps, ${posts} posts, ${snapshots} snapshots)`,
      headers: { cookie: `${name}=${token}` },
    };
    const check = await fetch(target.url, { headers: target.headers, redirect: "manual" });
    if (check.status !== 200) throw new Error(`bench: the seeded session does not open /analytics (status ${check.status})`);
    return { target, shortCode, posts, snapshots, clicks };
  } finally {
    db.$client.close();
  }
}
