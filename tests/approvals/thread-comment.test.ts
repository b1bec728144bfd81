import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { createApiToken } from "../../src/api/tokens";
import { contentItems } from "../../src/db/schema/content";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, makeItem, makeReadyBatch, makeUser, makeWebapp, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

function api(method: string, path: string, token: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return app.handle(
    new Request(`http://localhost:3000/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
}

const POSTS = ["Meal plans from your fridge.", "Trusted by 12,000 home cooks.", "Try it → https://pantrypal.example/"];

test("the API's content item carries the thread's posts and the first comment; PATCH edits them post by post, within X's rules", async () => {
  const u = makeUser(ctx);
  const token = createApiToken(ctx.db, u.id, "ci", ctx.clock.now()).token;
  const webapp = makeWebapp(ctx, u.id);
  const thread = makeItem(ctx, { userId: u.id, webappId: webapp.id, platform: "x", caption: POSTS.join("\n\n") });
  ctx.db
    .update(contentItems)
    .set({ format: "thread", threadPosts: POSTS, unsupportedClaims: [{ text: "Trusted by 12,000 home cooks.", reason: "test" }] })
    .where(eq(contentItems.id, thread.id))
    .run();
  const ig = makeItem(ctx, {
    userId: u.id,
    webappId: webapp.id,
    platform: "instagram",
    caption: "Dinner, sorted. Link in the first comment.",
  });
  ctx.db.update(contentItems).set({ firstComment: "Try it → https://pantrypal.example/" }).where(eq(contentItems.id, ig.id)).run();

  const got = (await (await api("GET", `/content/${thread.id}`, token)).json()) as {
    item: { threadPosts: string[]; firstComment: string };
  };
  expect(got.item.threadPosts).toEqual(POSTS);
  expect(got.item.firstComment).toBe("");
  const igGot = (await (await api("GET", `/content/${ig.id}`, token)).json()) as { item: { threadPosts: string[]; firstComment: string } };
  expect(igGot.item).toMatchObject({ threadPosts: [], firstComment: "Try it → https://pantrypal.example/" });

  // A post over 280 is refused with its number; nothing changes.
  const long = await api("PATCH", `/content/${thread.id}`, token, { thread: [POSTS[0], "x".repeat(300), POSTS[2]] });
  expect(long.status).toBe(422);
  expect(((await long.json()) as { error: { message: string } }).error.message).toContain("Post 2 of the thread");
  // One post is not a thread.
  expect((await api("PATCH", `/content/${thread.id}`, token, { thread: [POSTS[0]] })).status).toBe(422);

  // Editing post 2 settles the flagged claim (a person wrote it) and the caption follows the posts.
  const ok = await api("PATCH", `/content/${thread.id}`, token, { thread: [POSTS[0], "Dinner from what you already have.", POSTS[2]] });
  expect(ok.status).toBe(200);
  const edited = ((await ok.json()) as { item: { threadPosts: string[]; caption: string; unsupportedClaims: unknown[] } }).item;
  expect(edited.threadPosts[1]).toBe("Dinner from what you already have.");
  expect(edited.caption).toBe(edited.threadPosts.join("\n\n"));
  expect(edited.unsupportedClaims).toEqual([]);

  const c = await api("PATCH", `/content/${ig.id}`, token, { firstComment: "Plan your week → https://pantrypal.example/" });
  expect(c.status).toBe(200);
  expect(((await c.json()) as { item: { firstComment: string } }).item.firstComment).toBe("Plan your week → https://pantrypal.example/");
  expect((await api("PATCH", `/content/${ig.id}`, token, { firstComment: "x".repeat(2201) })).status).toBe(422);
});

test("a thread's card counts its posts, each with its own length, and no count of the joined caption", async () => {
  const u = makeUser(ctx);
  const { items } = makeReadyBatch(ctx, u.id, { platforms: ["x"] });
  const thread = items[0]!;
  ctx.db
    .update(contentItems)
    .set({ format: "thread", threadPosts: POSTS, caption: POSTS.join("\n\n") })
    .where(eq(contentItems.id, thread.id))
    .run();
  const s = signIn(ctx, u.id);
  const html = await (await app.handle(authedGet("/approval", s))).text();
  const card = html.slice(html.indexOf(`id="item-${thread.id}"`));
  expect(card).toContain("3 posts");
  expect(card.slice(0, card.indexOf("</article>"))).not.toContain("(weighted)");
});

test("the link cannot silently leave the first comment the caption points to; moved into the caption, it may", async () => {
  const u = makeUser(ctx);
  const token = createApiToken(ctx.db, u.id, "ci", ctx.clock.now()).token;
  const webapp = makeWebapp(ctx, u.id);
  const ig = makeItem(ctx, {
    userId: u.id,
    webappId: webapp.id,
    platform: "instagram",
    caption: "Dinner, sorted. Link in the first comment.",
  });
  ctx.db
    .update(contentItems)
    .set({ linkUrl: "https://pantrypal.example/", firstComment: "Try it → https://pantrypal.example/" })
    .where(eq(contentItems.id, ig.id))
    .run();
  for (const firstComment of ["", "Thanks for reading!"]) {
    const res = await api("PATCH", `/content/${ig.id}`, token, { firstComment });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "keep https://pantrypal.example/ in the first comment",
    );
  }
  const moved = await api("PATCH", `/content/${ig.id}`, token, { caption: "Dinner, sorted: https://pantrypal.example/", firstComment: "" });
  expect(moved.status).toBe(200);
});
