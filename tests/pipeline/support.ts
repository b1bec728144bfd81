import type { AppContext } from "../../src/app/context";
import { webapps } from "../../src/db/schema/webapps";
import { PLATFORM_IDS, type PlatformId } from "../../src/platforms/ids";
import { createUser } from "../../src/users/store";

/** Creates a user and one web app for pipeline tests; returns their ids. */
export function seedApp(
  ctx: AppContext,
  o: {
    url: string;
    timezone?: string;
    email?: string;
    platforms?: PlatformId[];
    feeds?: string[];
    name?: string;
    description?: string;
    active?: boolean;
    userId?: number;
  },
): { userId: number; webappId: number } {
  const now = ctx.clock.now();
  const userId =
    o.userId ??
    createUser(
      ctx.db,
      {
        email: o.email ?? `owner${Math.random().toString(36).slice(2)}@example.com`,
        name: "Owner",
        passwordHash: "x",
        role: "admin",
        timezone: o.timezone ?? "UTC",
      },
      now,
    ).id;
  const row = ctx.db
    .insert(webapps)
    .values({
      userId,
      url: o.url,
      name: o.name ?? "Pantry Pal",
      description: o.description ?? "",
      platforms: o.platforms ?? [...PLATFORM_IDS],
      feeds: o.feeds ?? [],
      active: o.active ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: webapps.id })
    .get();
  return { userId, webappId: row.id };
}
