import { afterAll, expect, test } from "bun:test";
import { createSession } from "../../src/auth/sessions";
import { sessionCookieName } from "../../src/http/session";
import { mediaStoreOf } from "../../src/media/storage/open";
import { createApp } from "../../src/server/app";
import { makeTestContext } from "../support/context";
import { insertMediaUser, insertMediaWebapp } from "../support/media-factories";
import { s3TestContext } from "../support/s3-context";

// The same object behind /media/* from the folder and from a bucket: every Range answer must be the same.
const folder = makeTestContext();
const bucket = await s3TestContext("range-media");
afterAll(async () => {
  folder.cleanup();
  await bucket.stop();
});

const bytes = new TextEncoder().encode("0123456789abcdefghijklmnopqrstuvwxyz");

async function served(ctx: typeof folder) {
  const user = insertMediaUser(ctx);
  const app = insertMediaWebapp(ctx, user);
  const key = `${user}/${app}/2026-03-02/item-1.mp4`;
  await mediaStoreOf(ctx).put(key, { bytes });
  const cookie = `${sessionCookieName(ctx)}=${createSession(ctx.db, user, ctx.clock.now(), 30).token}`;
  const http = createApp(ctx);
  return {
    owner: (range?: string) =>
      http.handle(new Request(`http://localhost/media/${key}`, { headers: { cookie, ...(range ? { range } : {}) } })),
  };
}

async function answer(res: Response) {
  return {
    status: res.status,
    contentRange: res.headers.get("content-range"),
    contentLength: res.headers.get("content-length"),
    acceptRanges: res.headers.get("accept-ranges"),
    body: res.status === 416 ? "" : await res.text(),
  };
}

const RANGES = [
  undefined,
  "bytes=5-9",
  "bytes=-5",
  "bytes=30-",
  "bytes=30-999",
  "bytes=0-0",
  "bytes=36-",
  "bytes=99-",
  "bytes=9-5",
  "bytes=5-2",
  "items=1-2",
];

test("Range requests answer the same from the folder and the bucket: 206 with Content-Range, 416 past the end, the whole file for an invalid range", async () => {
  const f = await served(folder);
  const b = await served(bucket.ctx);
  for (const range of RANGES)
    expect({ range, ...(await answer(await b.owner(range))) }).toEqual({ range, ...(await answer(await f.owner(range))) });

  const slice = await answer(await b.owner("bytes=5-9"));
  expect(slice).toEqual({ status: 206, contentRange: "bytes 5-9/36", contentLength: "5", acceptRanges: "bytes", body: "56789" });
  expect((await answer(await b.owner("bytes=-5"))).body).toBe("vwxyz");
  expect(await answer(await b.owner("bytes=99-"))).toMatchObject({ status: 416, contentRange: "bytes */36" });
  // An invalid range (last before first) is ignored (RFC 9110): the whole file, from either driver.
  for (const d of [f, b]) {
    expect(await answer(await d.owner("bytes=5-2"))).toMatchObject({ status: 200, contentRange: null, contentLength: "36" });
  }
  expect(await answer(await b.owner())).toMatchObject({ status: 200, contentLength: "36", body: new TextDecoder().decode(bytes) });
});
