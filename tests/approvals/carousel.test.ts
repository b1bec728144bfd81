import { afterAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { createApiToken } from "../../src/api/tokens";
import { contentItems } from "../../src/db/schema/content";
import { latestMediaJobs } from "../../src/media/job";
import { readSlides } from "../../src/platforms/carousel";
import { exportBundle } from "../../src/publishing/manual";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { authedGet, formPost, makeItem, makeReadyBatch, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
const app = createApp(ctx);
afterAll(() => ctx.cleanup());

const SLIDES = [
  { kind: "cover", text: "Dinner sorted before 6 pm" },
  { kind: "fact", text: "Trusted by 12,000 home cooks." },
  { kind: "cta", text: "Try Pantry Pal free" },
];

/** A carousel item waiting for approval, its three slides rendered as images. */
function carouselItem(userId: number) {
  const { batch } = makeReadyBatch(ctx, userId, { platforms: ["x"] });
  const item = makeItem(ctx, { userId, webappId: batch.webappId, batchId: batch.id, platform: "instagram" });
  const images = SLIDES.map((_, i) => ({
    path: `${userId}/c/item-${item.id}-slide-${i + 1}.jpg`,
    width: 1080,
    height: 1350,
    target: `slide-${i + 1}`,
  }));
  ctx.db
    .update(contentItems)
    .set({ format: "carousel", script: { slides: SLIDES }, media: { images }, mediaStatus: "ready" })
    .where(eq(contentItems.id, item.id))
    .run();
  return { id: item.id, images };
}

const row = (id: number) => ctx.db.select().from(contentItems).where(eq(contentItems.id, id)).get()!;

test("the approval card shows the slides in order as a swipeable row, and the edit form one box per slide", async () => {
  const u = makeUser(ctx);
  const { id, images } = carouselItem(u.id);
  const html = await (await app.handle(authedGet("/approval", signIn(ctx, u.id)))).text();
  const card = html.slice(html.indexOf(`id="item-${id}"`));
  const strip = card.slice(card.indexOf('<ol class="slides"'), card.indexOf("</ol>"));
  expect([...strip.matchAll(/<img src="\/media\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!))).toEqual(images.map((i) => i.path));
  expect(strip).toContain('alt="Trusted by 12,000 home cooks."');
  expect(strip).toContain("3/3 · Call to action");
  expect([...card.matchAll(/<textarea name="slide"[^>]*>([^<]*)<\/textarea>/g)].map((m) => m[1])).toEqual(SLIDES.map((s) => s.text));
});

test("editing a slide's text saves it and draws the slides again; an emptied slide goes", async () => {
  const u = makeUser(ctx);
  const s = signIn(ctx, u.id);
  const { id } = carouselItem(u.id);
  const res = await app.handle(
    formPost(`/approval/items/${id}/edit`, s, {
      caption: "Dinner sorted.",
      hashtags: "#food",
      title: "",
      plannedAt: "",
      slide: ["Dinner sorted before 6 pm", "Shopping lists sorted by aisle.", "", "Try Pantry Pal free"],
    }),
  );
  expect(res.status).toBeLessThan(400);
  const got = row(id);
  expect(readSlides(got.script)).toEqual([
    { kind: "cover", text: "Dinner sorted before 6 pm" },
    { kind: "fact", text: "Shopping lists sorted by aisle." },
    { kind: "cta", text: "Try Pantry Pal free" },
  ]);
  expect(got.mediaStatus).toBe("waiting");
  expect(latestMediaJobs(ctx.db, [id]).has(id)).toBe(true);
});

test("a carousel edited down to one slide is refused with the reason, and nothing changes", async () => {
  const u = makeUser(ctx);
  const { id } = carouselItem(u.id);
  const res = await app.handle(
    formPost(`/approval/items/${id}/edit`, signIn(ctx, u.id), {
      caption: "Dinner sorted.",
      hashtags: "",
      title: "",
      plannedAt: "",
      slide: ["Only this", "", ""],
    }),
  );
  expect(await res.text()).toContain("Instagram carousels take 2 to 10 slides; this one has 1.");
  expect(readSlides(row(id).script)).toEqual(SLIDES as never);
  expect(row(id).mediaStatus).toBe("ready");
});

test("the API's content item lists the slides with their images, and PATCH slides edits them", async () => {
  const u = makeUser(ctx);
  const token = createApiToken(ctx.db, u.id, "ci", ctx.clock.now()).token;
  const { id, images } = carouselItem(u.id);
  const call = (method: string, body?: unknown) =>
    app.handle(
      new Request(`http://localhost:3000/api/v1/content/${id}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      }),
    );
  const got = (await (await call("GET")).json()) as { item: { format: string; slides: unknown[] } };
  expect(got.item.format).toBe("carousel");
  expect(got.item.slides).toEqual(SLIDES.map((s, i) => ({ ...s, image: images[i]!.path })));
  const patched = (await (await call("PATCH", { slides: ["A new cover", "Trusted by 12,000 home cooks.", "Start free"] })).json()) as {
    item: { slides: { text: string; image: string | null }[] };
  };
  expect(patched.item.slides.map((s) => s.text)).toEqual(["A new cover", "Trusted by 12,000 home cooks.", "Start free"]);
});

test("the export bundle for posting by hand holds the slides in order and their texts", async () => {
  const u = makeUser(ctx);
  const { id, images } = carouselItem(u.id);
  for (const [i, img] of images.entries()) await Bun.write(`${ctx.config.storage.media_dir}/${img.path}`, `slide ${i + 1}`);
  const { zip } = await exportBundle(ctx, row(id));
  await Bun.write(`${ctx.dir}/c.zip`, zip);
  const p = Bun.spawnSync([
    "python3",
    "-c",
    `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print("|".join(n + "=" + z.read(n).decode()[:40] for n in sorted(z.namelist()) if n.startswith("slide")))`,
    `${ctx.dir}/c.zip`,
  ]);
  const entries = p.stdout.toString().trim().split("|");
  expect(entries.slice(0, 3)).toEqual(["slide-01.jpg=slide 1", "slide-02.jpg=slide 2", "slide-03.jpg=slide 3"]);
  expect(entries[3]).toStartWith("slides.txt=Upload slide-01");
});
