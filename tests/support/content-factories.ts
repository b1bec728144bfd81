import type { AppContext } from "../../src/app/context";
import { createSession } from "../../src/auth/sessions";
import { batches, contentItems } from "../../src/db/schema/content";
import type { ContentState } from "../../src/model/content-states";
import { webapps } from "../../src/db/schema/webapps";
import type { PlatformId } from "../../src/platforms/ids";
import { createUser, type UserRow } from "../../src/users/store";

let seq = 0;

/** Inserts a user (password hash is a placeholder: these users sign in through createSession). */
export function makeUser(ctx: AppContext, o: { email?: string; name?: string; timezone?: string } = {}): UserRow {
  seq++;
  return createUser(
    ctx.db,
    {
      email: o.email ?? `user${seq}@example.test`,
      name: o.name ?? `User ${seq}`,
      passwordHash: "x",
      role: "member",
      timezone: o.timezone ?? "UTC",
    },
    ctx.clock.now(),
  );
}

/** Inserts a web app for a user. */
export function makeWebapp(ctx: AppContext, userId: number, name = "Acme Notes") {
  const now = ctx.clock.now();
  return ctx.db.insert(webapps).values({ userId, url: "https://acme.test", name, createdAt: now, updatedAt: now }).returning().get();
}

/** Inserts a batch (ready by default) for a web app and local date. */
export function makeBatch(
  ctx: AppContext,
  o: { userId: number; webappId: number; localDate?: string; status?: "running" | "ready"; readyAt?: Date; attempt?: number },
) {
  const now = ctx.clock.now();
  return ctx.db
    .insert(batches)
    .values({
      userId: o.userId,
      webappId: o.webappId,
      localDate: o.localDate ?? now.toISOString().slice(0, 10),
      attempt: o.attempt ?? ++seq,
      status: o.status ?? "ready",
      createdAt: now,
      readyAt: o.readyAt ?? now,
    })
    .returning()
    .get();
}

/** Inserts one content item; defaults make a valid pending X post planned two hours ahead. */
export function makeItem(
  ctx: AppContext,
  o: {
    userId: number;
    webappId: number;
    batchId?: number | null;
    platform?: PlatformId;
    status?: ContentState;
    caption?: string;
    hashtags?: string[];
    title?: string;
    media?: Record<string, unknown>;
    writer?: string;
    reason?: string;
  },
) {
  const now = ctx.clock.now();
  return ctx.db
    .insert(contentItems)
    .values({
      userId: o.userId,
      webappId: o.webappId,
      batchId: o.batchId ?? null,
      platform: o.platform ?? "x",
      format: "video",
      status: o.status ?? "pending_approval",
      caption: o.caption ?? "Plan your week in two minutes with Acme Notes.",
      hashtags: o.hashtags ?? ["productivity"],
      title: o.title ?? (o.platform === "youtube" ? "Plan your week fast" : ""),
      writer: o.writer ?? "builtin",
      reason: o.reason ?? "Tuesday noon gets the most replies for this audience.",
      plannedAt: new Date(now.getTime() + 2 * 3_600_000),
      media: o.media ?? {},
      mediaStatus: o.media ? "ready" : "none",
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

/** A ready batch with one pending item per listed platform. */
export function makeReadyBatch(
  ctx: AppContext,
  userId: number,
  o: { platforms?: PlatformId[]; appName?: string; localDate?: string; readyAt?: Date } = {},
) {
  const webapp = makeWebapp(ctx, userId, o.appName);
  const batch = makeBatch(ctx, { userId, webappId: webapp.id, localDate: o.localDate, readyAt: o.readyAt });
  const items = (o.platforms ?? ["x", "youtube", "linkedin"]).map((platform) =>
    makeItem(ctx, { userId, webappId: webapp.id, batchId: batch.id, platform }),
  );
  return { webapp, batch, items };
}

/** A signed-in session for route tests: the cookie header and the CSRF token. */
export function signIn(ctx: AppContext, userId: number): { cookie: string; csrf: string } {
  const { token, session } = createSession(ctx.db, userId, ctx.clock.now(), 30);
  return { cookie: `amk_session=${token}`, csrf: session.csrfToken };
}

/** Builds a same-origin form POST as a browser (or htmx, with `htmx: true`) sends it. */
export function formPost(
  path: string,
  s: { cookie: string; csrf: string },
  fields: Record<string, string | string[]> = {},
  o: { htmx?: boolean } = {},
): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    cookie: s.cookie,
    origin: "http://localhost:3000",
    "x-csrf-token": s.csrf,
  };
  if (o.htmx) headers["hx-request"] = "true";
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers, body });
}

/** A signed-in GET. */
export function authedGet(path: string, s: { cookie: string }): Request {
  return new Request(`http://localhost:3000${path}`, { headers: { cookie: s.cookie } });
}
