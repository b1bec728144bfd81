import { afterAll, expect, test } from "bun:test";
import { readAuth } from "../../src/http/session";
import { addNotification } from "../../src/notify/store";
import { makeTestContext } from "../support/context";
import { authedGet, makeUser, signIn } from "../support/content-factories";

const ctx = makeTestContext();
afterAll(() => ctx.cleanup());

// The sidebar's unread count is read in the same statement as the session, and handed to routes as its own
// field of `auth`: the user object is the stored user, with nothing hidden on it.
test("readAuth gives the unread count beside the user, not on it", () => {
  const u = makeUser(ctx);
  for (let i = 0; i < 3; i++) addNotification(ctx.db, { userId: u.id, kind: "batch.ready", title: `batch ${i}` }, ctx.clock.now());
  const s = signIn(ctx, u.id);
  const auth = readAuth(ctx, authedGet("/dashboard", s), { headers: {} });
  expect(auth?.unread).toBe(3);
  // The account link (accountOwnerId) is not part of the session's user: quotas read it from the accounts store.
  const { accountOwnerId: _link, ...stored } = u;
  expect(Object.getOwnPropertyNames(auth!.user).sort()).toEqual(Object.keys(stored).sort());
  expect(auth!.user).toEqual(stored);
});

test("a user with no notifications reads 0 unread, and nobody signed in reads no auth", () => {
  const s = signIn(ctx, makeUser(ctx).id);
  expect(readAuth(ctx, authedGet("/dashboard", s), { headers: {} })?.unread).toBe(0);
  expect(readAuth(ctx, authedGet("/dashboard", { cookie: "" }), { headers: {} })).toBeNull();
});
