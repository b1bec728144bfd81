import type { AppContext } from "../../src/app/context";
import type { VideoScript } from "../../src/content/script";
import { users } from "../../src/db/schema/accounts";
import { contentItems } from "../../src/db/schema/content";
import { webapps } from "../../src/db/schema/webapps";

/** Inserts a user, returning its id. */
export function insertMediaUser(ctx: AppContext, email = `u${Math.random().toString(36).slice(2)}@example.com`): number {
  const now = ctx.clock.now();
  const row = ctx.db.insert(users).values({ email, name: "Test", passwordHash: "x", createdAt: now }).returning({ id: users.id }).get();
  return row.id;
}

/** Inserts a web app for a user with brand fields, returning its id. */
export function insertMediaWebapp(ctx: AppContext, userId: number, over: Partial<typeof webapps.$inferInsert> = {}): number {
  const now = ctx.clock.now();
  return ctx.db
    .insert(webapps)
    .values({
      userId,
      url: "https://mealplan.example.com",
      name: "MealPlan",
      themeColor: "#16a34a",
      brandColors: ["#16a34a", "#0f172a"],
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .returning({ id: webapps.id })
    .get().id;
}

/** A short video script with `n` scenes of `seconds` each. */
export function testScript(n = 2, seconds = 2, over: Partial<VideoScript> = {}): VideoScript {
  return {
    hook: "Dinner sorted in 2 minutes?",
    scenes: Array.from({ length: n }, (_, i) => ({
      onScreenText: `Step ${i + 1}: pick meals`,
      voiceover: i % 2 ? "Your list writes itself." : "Pick five meals you love.",
      visual: i % 2 ? "brand gradient zoom" : "screenshot:home scroll",
      seconds,
    })),
    callToAction: "Try it free today",
    url: "https://mealplan.example.com/?utm_source=tiktok",
    ...over,
  };
}

/** Inserts a content item waiting for media, returning its id. */
export function insertMediaItem(
  ctx: AppContext,
  userId: number,
  webappId: number,
  over: Partial<typeof contentItems.$inferInsert> = {},
): number {
  const now = ctx.clock.now();
  return ctx.db
    .insert(contentItems)
    .values({
      userId,
      webappId,
      platform: "tiktok",
      format: "video",
      title: "Plan dinner fast",
      caption: "Plan a week of meals in two minutes.",
      script: testScript() as unknown as Record<string, unknown>,
      mediaStatus: "waiting",
      createdAt: now,
      updatedAt: now,
      ...over,
    })
    .returning({ id: contentItems.id })
    .get().id;
}
