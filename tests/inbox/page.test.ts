import { afterEach, describe, expect, test } from "bun:test";
import { createApp } from "../../src/server/app";
import { makeItem, makeUser, makeWebapp, signIn, authedGet, formPost } from "../support/content-factories";
import { makeTestContext } from "../support/context";
import { makeComment } from "./factories";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function world() {
  const ctx = makeTestContext();
  cleanup = ctx.cleanup;
  const app = createApp(ctx);
  const user = makeUser(ctx);
  const webapp = makeWebapp(ctx, user.id);
  const item = makeItem(ctx, {
    userId: user.id,
    webappId: webapp.id,
    platform: "youtube",
    status: "published",
    title: "Plan your week fast",
  });
  const s = signIn(ctx, user.id);
  const get = async (path: string) => {
    const res = await app.handle(authedGet(path, s));
    return { status: res.status, body: await res.text() };
  };
  return { ctx, app, user, webapp, item, s, get, base: { userId: user.id, webappId: webapp.id, itemId: item.id } };
}

describe("/inbox", () => {
  test("a hostile comment renders inert: script escaped, RTL override and NUL removed, links as their domain, 10,000 characters clipped behind more", async () => {
    const w = world();
    const hostile = `<script>alert(1)</script>\u202Egpj.exe\u0000 see https://evil.example.com/x?a=1 ${"A".repeat(12_000)}`;
    makeComment(w.ctx, { ...w.base, text: hostile, authorName: "<img src=x onerror=alert(1)>", authorAvatarUrl: "javascript:alert(1)" });
    const { status, body } = await w.get("/inbox?show=all");
    expect(status).toBe(200);
    expect(body).not.toContain("<script>alert(1)");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("<img src=x");
    expect(body).not.toContain("\u202E");
    expect(body).not.toContain("\u0000");
    expect(body).not.toContain("javascript:alert");
    expect(body).not.toContain('href="https://evil.example.com');
    expect(body).toContain("[link: evil.example.com]");
    expect(body).toContain("<summary>more</summary>");
    expect(body).toContain("more characters not shown");
    expect(body).not.toContain("A".repeat(10_001));
  });

  test("groups conversations by post, filters questions and complaints, and hides spam unless asked", async () => {
    const w = world();
    const other = makeItem(w.ctx, {
      userId: w.user.id,
      webappId: w.webapp.id,
      platform: "youtube",
      status: "published",
      title: "Second post",
    });
    makeComment(w.ctx, { ...w.base, text: "How much does the pro plan cost?" });
    makeComment(w.ctx, { ...w.base, itemId: other.id, text: "This is terrible, the app keeps crashing and support never answers" });
    makeComment(w.ctx, { ...w.base, text: "Earn $500 a day with crypto!!! DM me on whatsapp bit.ly/xx" });
    const all = (await w.get("/inbox")).body;
    expect(all).toContain("Plan your week fast");
    expect(all).toContain("Second post");
    expect(all).not.toContain("crypto");
    const questions = (await w.get("/inbox?show=question")).body;
    expect(questions).toContain("pro plan");
    expect(questions).not.toContain("crashing");
    const spam = (await w.get("/inbox?show=spam")).body;
    expect(spam).toContain("crypto");
    expect(spam).not.toContain("pro plan");
    expect(all).toContain('src="/public/inbox.js"');
  });

  test("the navigation count and done: a comment marked done leaves the count", async () => {
    const w = world();
    const c = makeComment(w.ctx, { ...w.base, text: "Does it work offline?" });
    expect((await w.get("/inbox/count")).body).toContain(">1<");
    const res = await w.app.handle(formPost(`/inbox/comments/${c.id}/state`, w.s, { _csrf: w.s.csrf, state: "done" }));
    expect(res.status).toBe(303);
    expect((await w.get("/inbox/count")).body).toBe("");
    expect((await w.get("/dashboard")).body).toContain('hx-get="/inbox/count"');
  });

  test("someone else's comment answers 404 and is not changed", async () => {
    const w = world();
    const stranger = makeUser(w.ctx, { email: "other@example.com" });
    const app2 = makeWebapp(w.ctx, stranger.id);
    const item2 = makeItem(w.ctx, { userId: stranger.id, webappId: app2.id, platform: "youtube", status: "published" });
    const c = makeComment(w.ctx, { userId: stranger.id, webappId: app2.id, itemId: item2.id, text: "Is there a free plan?" });
    const res = await w.app.handle(formPost(`/inbox/comments/${c.id}/state`, w.s, { _csrf: w.s.csrf, state: "done" }));
    expect(res.status).toBe(404);
    expect((await w.get("/inbox?show=all")).body).not.toContain("free plan");
  });

  test("a drafted reply answers a question from the site's facts, and a refund question gets a person", async () => {
    const w = world();
    const { researchFacts } = await import("../../src/db/schema/pipeline");
    w.ctx.db
      .insert(researchFacts)
      .values({
        webappId: w.webapp.id,
        contentHash: "h1",
        createdAt: w.ctx.clock.now(),
        facts: {
          name: "Acme Notes",
          url: "https://acme.test",
          whatItDoes: "Acme Notes plans your week in two minutes.",
          audience: "",
          features: ["Works offline on every device."],
          proofPoints: [],
          pricing: ["Free plan"],
          tone: "friendly",
          keywords: [],
        },
      })
      .run();
    makeComment(w.ctx, { ...w.base, text: "Does it work offline?" });
    makeComment(w.ctx, { ...w.base, text: "I was charged twice, how do I get a refund?" });
    makeComment(w.ctx, { ...w.base, text: "¿Funciona sin conexión en el móvil?" });
    const body = (await w.get("/inbox")).body;
    expect(body).toContain("Thanks for asking! Works offline on every device.");
    expect(body).toContain("A person from our team needs to look at it");
    // The site is in English: no fact matches a Spanish question word for word, so the draft points to the site in Spanish.
    expect(body).toContain("¡Buena pregunta! Los detalles están en acme.test");
  });

  test("Like and Hide show where the platform's API allows them; a LinkedIn comment says plainly that it cannot be hidden", async () => {
    const w = world();
    const li = makeItem(w.ctx, { userId: w.user.id, webappId: w.webapp.id, platform: "linkedin", status: "published", title: "Launch" });
    const fb = makeItem(w.ctx, { userId: w.user.id, webappId: w.webapp.id, platform: "facebook", status: "published", title: "Reel" });
    const onLinkedIn = makeComment(w.ctx, { ...w.base, itemId: li.id, platform: "linkedin", text: "Is there an API?" });
    const onFacebook = makeComment(w.ctx, { ...w.base, itemId: fb.id, platform: "facebook", text: "Is there a free plan?" });
    const { body } = await w.get("/inbox?show=all");
    const itemOf = (id: number) => body.slice(body.indexOf(`id="c${id}"`), body.indexOf("</li>", body.indexOf(`id="c${id}"`)));
    expect(itemOf(onLinkedIn.id)).toContain(`/inbox/comments/${onLinkedIn.id}/like`);
    expect(itemOf(onLinkedIn.id)).not.toContain(`/inbox/comments/${onLinkedIn.id}/hide`);
    expect(itemOf(onLinkedIn.id)).toContain("LinkedIn&#x27;s API has no way to hide a comment");
    expect(itemOf(onFacebook.id)).toContain(`/inbox/comments/${onFacebook.id}/hide`);
    expect(itemOf(onFacebook.id)).toContain(`/inbox/comments/${onFacebook.id}/like`);
    expect(itemOf(onFacebook.id)).not.toContain("no way to hide");
  });
});
