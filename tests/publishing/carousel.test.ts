import { afterEach, describe, expect, test } from "bun:test";
import { claimNextJob } from "../../src/jobs/store";
import type { PlatformId } from "../../src/platforms/ids";
import type { PlatformAdapter, PublishJournal, PublishPhase } from "../../src/platforms/types";
import { createAdapters } from "../../src/publishing/adapters";
import { publishHandlers } from "../../src/publishing/handlers";
import { publishInputFor } from "../../src/publishing/input";
import { schedulePublishing } from "../../src/publishing/schedule";
import { FakeLinkedIn } from "../fakes/linkedin";
import { FakeMeta } from "../fakes/meta";
import { makeTestContext } from "../support/context";
import { dyingAt, jobContext, makeConnection, makeImageFile, makeItem, makeOwner, publishQueue } from "../support/publishing-factories";

let close: (() => void) | undefined;
afterEach(() => close?.());

const SLIDES = [
  { kind: "cover", text: "Dinner sorted before 6 pm" },
  { kind: "fact", text: "Trusted by 12,000 home cooks." },
  { kind: "cta", text: "Try Pantry Pal free" },
];

/** A world with one connected account on a fake platform, and what that platform holds after a run. */
interface World {
  platform: PlatformId;
  ctx: ReturnType<typeof makeTestContext>;
  owner: { userId: number; webappId: number };
  deps: { adapters: Partial<Record<PlatformId, PlatformAdapter>>; random: () => number };
  /** Posts on the platform; the uploads (children, unpublished photos, images) it holds; creates it answered. */
  posts(): { id: string; parts: number }[];
  uploads(): number;
  creates(): number;
}

function metaWorld(platform: "instagram" | "facebook"): World & { fake: FakeMeta } {
  const fake = new FakeMeta({ processingMs: 0 }).start();
  const ctx = makeTestContext({ ...fake.env(), AMARKTAI_SERVER_PUBLIC_BASE_URL: "https://marketing.example.com" });
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const token = fake.issueLongToken();
  makeConnection(ctx, owner.userId, platform, {
    accessToken: platform === "facebook" ? fake.issuePageToken() : token,
    refreshToken: token,
    expiresAt: new Date(ctx.clock.now().getTime() + 60 * 86_400_000),
    accountId: platform === "facebook" ? fake.page.id : fake.ig.id,
    extra: { username: fake.ig.username },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  const ig = platform === "instagram";
  return {
    platform,
    fake,
    ctx,
    owner,
    deps,
    posts: () =>
      ig
        ? fake.media.map((m) => ({ id: m.id, parts: fake.carouselUrlsOf(m.id).length }))
        : fake.pagePhotos.posts.map((p) => ({ id: p.id, parts: p.attached.length })),
    uploads: () => (ig ? fake.carouselItems : fake.pagePhotos.unpublished.length),
    creates: () => (ig ? fake.publishCalls : fake.pagePhotos.feedCreates),
  };
}

function linkedinWorld(): World & { fake: FakeLinkedIn } {
  const fake = new FakeLinkedIn({ processingMs: 0 }).start();
  const ctx = makeTestContext(fake.env());
  close = () => (fake.stop(), ctx.cleanup());
  const owner = makeOwner(ctx);
  const t = fake.issueTokens();
  makeConnection(ctx, owner.userId, "linkedin", {
    accessToken: t.accessToken,
    refreshToken: t.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + t.expiresIn * 1000),
    accountId: fake.member.sub,
    extra: { author: `urn:li:person:${fake.member.sub}` },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 500) }), random: () => 0.5 };
  return {
    platform: "linkedin",
    fake,
    ctx,
    owner,
    deps,
    posts: () => fake.posts.map((p) => ({ id: p.urn, parts: p.images?.length ?? 0 })),
    uploads: () => [...fake.images.values()].filter((i) => i.bytes !== undefined).length,
    creates: () => fake.createCalls,
  };
}

const WORLDS = { instagram: () => metaWorld("instagram"), facebook: () => metaWorld("facebook"), linkedin: linkedinWorld };

/** An approved carousel item with one rendered JPEG per slide, due now. */
async function carouselItem(w: World, n = SLIDES.length) {
  const dir = `${w.owner.userId}/${w.owner.webappId}/2026-03-02`;
  const images = [];
  for (let i = 0; i < n; i++)
    images.push(await makeImageFile(w.ctx, `c${Math.random().toString(36).slice(2)}-slide-${i + 1}.jpg`, 1080, 1350, 0, dir));
  const slides = Array.from({ length: n }, (_, i) => SLIDES[Math.min(i, SLIDES.length - 1)]!);
  return makeItem(w.ctx, w.owner, { platform: w.platform, format: "carousel", images, script: { slides } });
}

/** The real adapter, except that the process dies right after the `nth` commit of `phase`. */
function dyingAtNth(real: PlatformAdapter, phase: PublishPhase, nth: number, died: () => void): PlatformAdapter {
  return {
    ...real,
    async publish(conn, input, journal, signal) {
      let seen = 0;
      const j: PublishJournal = {
        get data() {
          return journal.data;
        },
        heartbeat: (p) => journal.heartbeat(p),
        async before(ph, data) {
          await journal.before(ph, data);
          if (ph === phase && ++seen === nth) {
            died();
            return new Promise<never>(() => {});
          }
        },
      };
      await real.publish(conn, input, j, signal);
      died();
      return new Promise<never>(() => {});
    },
  };
}

/** Publishes in a worker that dies where `dying` says, then lets the queue run again once the dead worker's lease ran out. */
async function crashThenRestart(w: World, itemId: number, dying: (real: PlatformAdapter, died: () => void) => PlatformAdapter) {
  schedulePublishing(w.ctx, w.ctx.clock.now());
  let dead!: () => void;
  const died = new Promise<void>((r) => (dead = r));
  const handlers = publishHandlers(w.ctx, { ...w.deps, adapters: { [w.platform]: dying(w.deps.adapters[w.platform]!, dead) } });
  const job = claimNextJob(w.ctx.db, w.ctx.clock.now(), 5 * 60_000)!;
  expect(job.payload.itemId).toBe(itemId);
  void handlers["publish.item"]!(job, jobContext());
  await died;
  w.ctx.clock.advance(6 * 60_000);
  const q = publishQueue(w.ctx, w.deps);
  for (let i = 0; i < 3 && !["published", "failed", "needs_check"].includes(q.get(itemId).status); i++) {
    await q.run();
    w.ctx.clock.advance(60_000);
  }
  return q.get(itemId);
}

for (const platform of ["instagram", "facebook", "linkedin"] as const) {
  describe(`${platform} carousels through the publish journal`, () => {
    test("a carousel item is one post with every slide in order; the input carries the slide texts", async () => {
      const w = WORLDS[platform]();
      const item = await carouselItem(w);
      expect(publishInputFor(item, w.ctx.config.storage.media_dir).slideTexts).toEqual(SLIDES.map((s) => s.text));
      const q = publishQueue(w.ctx, w.deps);
      await q.run();
      const got = q.get(item.id);
      expect([got.status, got.failure]).toEqual(["published", null]);
      expect(w.posts()).toEqual([{ id: got.remoteId!, parts: SLIDES.length }]);
      expect(w.uploads()).toBe(SLIDES.length);
      expect(w.creates()).toBe(1);
    });

    test("a carousel of one slide is refused before anything is uploaded, with what to do", async () => {
      const w = WORLDS[platform]();
      const item = await carouselItem(w, 1);
      const q = publishQueue(w.ctx, w.deps);
      await q.run();
      expect(q.get(item.id).status).toBe("failed");
      expect(q.get(item.id).failure).toContain("carousels take 2 to");
      expect(w.uploads()).toBe(0);
    });

    const points: [string, PublishPhase | "after_create_answered", number][] = [
      ['after "prepared"', "prepared", 1],
      ...SLIDES.map((_, i): [string, PublishPhase, number] => [
        `after slide ${i + 1} was uploaded and journalled`,
        "media_uploaded",
        i + 1,
      ]),
      ["after the create was answered, before the journal heard", "after_create_answered", 1],
    ];
    for (const [when, phase, nth] of points)
      test(`killed ${when}: the rerun finishes with one post, no slide uploaded twice`, async () => {
        const w = WORLDS[platform]();
        const item = await carouselItem(w);
        const got = await crashThenRestart(w, item.id, (real, died) =>
          phase === "after_create_answered" ? dyingAt(real, "after_create_answered", died) : dyingAtNth(real, phase, nth, died),
        );
        expect(got.status).toBe("published");
        expect(w.posts()).toEqual([{ id: got.remoteId!, parts: SLIDES.length }]);
        expect(w.uploads()).toBe(SLIDES.length);
        expect(w.creates()).toBe(1);
      });

    test("killed with create_sent journalled and nothing posted: reconciliation looks first, then needs_check; never posted blindly", async () => {
      const w = WORLDS[platform]();
      const item = await carouselItem(w);
      const got = await crashThenRestart(w, item.id, (real, died) => dyingAtNth(real, "create_sent", 1, died));
      expect(got.status).toBe("needs_check");
      w.ctx.clock.advance(24 * 3600_000);
      await publishQueue(w.ctx, w.deps).run();
      expect(w.posts()).toEqual([]);
      expect(w.creates()).toBe(0);
    });
  });
}

describe("the platforms' documented refusals", () => {
  test("Instagram: a slide still IN_PROGRESS is waited for before the CAROUSEL container is made (the fake refuses unfinished children)", async () => {
    const w = metaWorld("instagram");
    const item = await carouselItem(w);
    w.fake.holdNextContainers = 1;
    setTimeout(() => w.fake.releaseHeld(), 300);
    const q = publishQueue(w.ctx, w.deps);
    await q.run();
    expect(q.get(item.id).status).toBe("published");
    expect(w.posts()).toEqual([{ id: q.get(item.id).remoteId!, parts: 3 }]);
  });

  test("Instagram refuses a carousel of 11 children; the adapter says so as a refusal, and nothing is published", async () => {
    const w = metaWorld("instagram");
    const item = await carouselItem(w, 11);
    const input = publishInputFor(item, w.ctx.config.storage.media_dir);
    expect(w.deps.adapters.instagram!.validate(input).join(" ")).toContain("2 to 10 images");
    const journal: PublishJournal = { data: {}, heartbeat: () => {}, before: async () => {} };
    const conn = {
      id: 1,
      userId: 1,
      platform: "instagram" as const,
      accountId: w.fake.ig.id,
      accountName: "",
      accessToken: "",
      scopes: [],
      extra: {},
    };
    conn.accessToken = w.fake.issueLongToken();
    const err = await w.deps.adapters.instagram!.publish(conn, input, journal).catch((e) => e);
    expect(err.kind).toBe("rejected");
    expect(err.message).toContain("between 2 and 10 children");
    expect(w.fake.media).toHaveLength(0);
  });
});
