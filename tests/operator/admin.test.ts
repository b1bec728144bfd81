import { afterEach, expect, test } from "bun:test";
import { addNotification } from "../../src/notify/store";
import { joinAccount } from "../../src/operator/seats-store";
import { ensureAccount, findAccount } from "../../src/operator/store";
import { quotaCheck } from "../../src/operator/quota";
import { findUserById } from "../../src/users/store";
import { addUser, clientFor, TEST_PASSWORD } from "../support/accounts";
import { TestClient } from "../support/http";
import { makeItem, makeWebapp } from "../support/content-factories";
import { makeTestContext } from "../support/context";

let ctx: ReturnType<typeof makeTestContext>;
afterEach(() => ctx.cleanup());

/** The file names and bytes of a stored (uncompressed) zip. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const b = Buffer.from(bytes);
  const out = new Map<string, string>();
  let at = 0;
  while (b.readUInt32LE(at) === 0x04034b50) {
    const size = b.readUInt32LE(at + 18);
    const nameLen = b.readUInt16LE(at + 26);
    const extra = b.readUInt16LE(at + 28);
    const name = b.subarray(at + 30, at + 30 + nameLen).toString("utf8");
    const start = at + 30 + nameLen + extra;
    out.set(name, b.subarray(start, start + size).toString("utf8"));
    at = start + size;
  }
  return out;
}

test("the operator lists accounts with plan, state and use; sets a plan; suspends and resumes; exports and deletes one", async () => {
  ctx = makeTestContext({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const op = await addUser(ctx, { email: "op@example.com", role: "admin" });
  const cora = await addUser(ctx, { email: "cora@example.com" });
  const app = makeWebapp(ctx, cora.id, "Cora's Notes");
  makeItem(ctx, { userId: cora.id, webappId: app.id, caption: "Hello from Cora" });
  const admin = clientFor(ctx, op);

  // Signing in counts as activity (the list's "last activity").
  ensureAccount(ctx.db, cora.id, "starter", ctx.clock.now());
  ctx.clock.advance(3_600_000);
  expect((await new TestClient(ctx).post("/login", { email: "cora@example.com", password: TEST_PASSWORD })).location).toBe("/dashboard");
  expect(findAccount(ctx.db, cora.id)!.lastActiveAt).toEqual(ctx.clock.now());

  const list = await admin.get("/admin/accounts");
  expect(list.status).toBe(200);
  expect(list.text).toContain("cora@example.com");
  expect(list.text).toContain("Web apps: 1 / 1");
  expect(list.text).toContain("2026-03-02 13:00");
  expect(list.text).toContain("Posts this month: 1 / 60");
  // Members do not see it.
  expect((await clientFor(ctx, cora).get("/admin/accounts")).status).toBe(404);

  expect((await admin.post(`/admin/accounts/${cora.id}/plan`, { plan: "pro" })).status).toBe(303);
  expect(findAccount(ctx.db, cora.id)!.planId).toBe("pro");
  expect((await admin.post(`/admin/accounts/${cora.id}/plan`, { plan: "nope" })).status).toBe(422);

  await admin.post(`/admin/accounts/${cora.id}/suspend`, {});
  const refused = quotaCheck(ctx, cora.id, "webapps");
  expect(!refused.allowed && refused.message).toContain("This account is suspended");
  expect((await clientFor(ctx, cora).get("/usage/plan")).status).toBe(200);
  await admin.post(`/admin/accounts/${cora.id}/resume`, {});
  expect(quotaCheck(ctx, cora.id, "webapps")).toEqual({ allowed: true });

  const zip = await admin.app.handle(
    new Request(`${admin.base}/admin/accounts/${cora.id}/export`, {
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    }),
  );
  expect(zip.headers.get("content-type")).toBe("application/zip");
  const files = unzip(new Uint8Array(await zip.arrayBuffer()));
  expect(JSON.parse(files.get("users.json")!)[0].email).toBe("cora@example.com");
  expect(files.get("users.json")).not.toContain("password");
  expect(JSON.parse(files.get("content_items.json")!)[0].caption).toBe("Hello from Cora");
  expect(JSON.parse(files.get("webapps.json")!)[0].name).toBe("Cora's Notes");
  expect(files.has("sessions.json")).toBe(false);

  const wrong = await admin.post(`/admin/accounts/${cora.id}/delete`, { confirm: "someone@example.com" });
  expect(wrong.status).toBe(422);
  expect(findUserById(ctx.db, cora.id)).toBeDefined();
  const gone = await admin.post(`/admin/accounts/${cora.id}/delete`, { confirm: "cora@example.com" });
  expect(gone.text).toContain("cora@example.com and all their data were deleted.");
  expect(findUserById(ctx.db, cora.id)).toBeUndefined();
  expect(ctx.db.$client.query("SELECT count(*) AS n FROM webapps").get()).toEqual({ n: 0 });
  expect(findAccount(ctx.db, cora.id)).toBeUndefined();
  // The operator's own account cannot be deleted from here.
  expect((await admin.post(`/admin/accounts/${op.id}/delete`, { confirm: "op@example.com" })).status).toBe(404);
  // Nor put on a plan: an operator's account has none.
  const plan = await admin.post(`/admin/accounts/${op.id}/plan`, { plan: "pro" });
  expect(plan.status).toBe(422);
  expect(plan.text).toContain("that account is an operator&#x27;s");
  expect(findAccount(ctx.db, op.id)).toBeUndefined();
  expect(plan.text).not.toContain(`/admin/accounts/${op.id}/plan`);
});

test("an owner's export holds the account's rows members made and lists the members; a member's personal rows are only in their own; deleting the owner removes the members, warned first", async () => {
  ctx = makeTestContext({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const op = await addUser(ctx, { email: "op@example.com", role: "admin" });
  const cora = await addUser(ctx, { email: "cora@example.com", name: "Cora" });
  const mel = await addUser(ctx, { email: "mel@example.com", name: "Mel" });
  joinAccount(ctx.db, mel.id, cora.id);
  const app = makeWebapp(ctx, mel.id, "Mel's App");
  makeItem(ctx, { userId: mel.id, webappId: app.id, caption: "Written by Mel" });
  addNotification(ctx.db, { userId: mel.id, kind: "test", title: "Mel's own notice" }, ctx.clock.now());
  addNotification(ctx.db, { userId: cora.id, kind: "test", title: "Cora's own notice" }, ctx.clock.now());
  const admin = clientFor(ctx, op);
  const exportOf = async (id: number) => {
    const zip = await admin.app.handle(
      new Request(`${admin.base}/admin/accounts/${id}/export`, {
        headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      }),
    );
    return unzip(new Uint8Array(await zip.arrayBuffer()));
  };

  const owners = await exportOf(cora.id);
  expect(JSON.parse(owners.get("webapps.json")!).map((w: { name: string }) => w.name)).toEqual(["Mel's App"]);
  expect(JSON.parse(owners.get("content_items.json")!)[0].caption).toBe("Written by Mel");
  expect(JSON.parse(owners.get("account_members.json")!)).toEqual([
    { id: mel.id, name: "Mel", email: "mel@example.com", role: "member", created_at: mel.createdAt.getTime() },
  ]);
  expect(JSON.parse(owners.get("users.json")!).map((u: { email: string }) => u.email)).toEqual(["cora@example.com"]);
  expect(owners.get("notifications.json")).toContain("Cora's own notice");
  expect(owners.get("notifications.json")).not.toContain("Mel's own notice");
  const mels = await exportOf(mel.id);
  expect(JSON.parse(mels.get("users.json")!)[0].email).toBe("mel@example.com");
  expect(mels.get("notifications.json")).toContain("Mel's own notice");
  expect(mels.get("notifications.json")).not.toContain("Cora's own notice");
  expect(mels.has("account_members.json")).toBe(false);

  // The admin list names the members under their owner, each with an export, and the delete form says they go too.
  const list = (await admin.get("/admin/accounts")).text;
  const row = list.slice(list.indexOf(`id="account-${cora.id}"`));
  expect(row).toContain("mel@example.com");
  expect(row).toContain(`<input type="hidden" name="id" value="${mel.id}"/>`);
  expect(row).toContain("Deleting this account also deletes its 1 member (mel@example.com): their sign-in and what they made.");

  const member = clientFor(ctx, mel);
  expect((await member.get("/dashboard")).status).toBe(200);
  const gone = await admin.post(`/admin/accounts/${cora.id}/delete`, { confirm: "cora@example.com" });
  expect(gone.text).toContain("cora@example.com and all their data were deleted, with the account&#x27;s member mel@example.com.");
  expect(findUserById(ctx.db, mel.id)).toBeUndefined();
  expect((await member.get("/dashboard")).location).toStartWith("/login");
  expect(ctx.db.$client.query("SELECT count(*) AS n FROM webapps").get()).toEqual({ n: 0 });
});

test("a plan or a suspension aimed at a member's id is refused with a sentence naming the owner, and writes nothing", async () => {
  ctx = makeTestContext({ AMARKTAI_OPERATOR_ENABLED: "true" });
  const op = await addUser(ctx, { email: "op@example.com", role: "admin" });
  const cora = await addUser(ctx, { email: "cora@example.com", name: "Cora" });
  const mel = await addUser(ctx, { email: "mel@example.com", name: "Mel" });
  joinAccount(ctx.db, mel.id, cora.id);
  ensureAccount(ctx.db, cora.id, "starter", ctx.clock.now());
  const admin = clientFor(ctx, op);
  const sentence = "Nothing was changed: mel@example.com is a member of Cora&#x27;s account (cora@example.com).";

  for (const [path, fields] of [
    [`/admin/accounts/${mel.id}/plan`, { plan: "pro" }],
    [`/admin/accounts/${mel.id}/suspend`, {}],
    [`/admin/accounts/${mel.id}/resume`, {}],
  ] as const) {
    const refused = await admin.post(path, fields);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(sentence);
  }
  expect(findAccount(ctx.db, mel.id)).toBeUndefined();
  expect(findAccount(ctx.db, cora.id)).toMatchObject({ planId: "starter", suspendedAt: null });
  expect(quotaCheck(ctx, mel.id, "webapps")).toEqual({ allowed: true });

  // On the owner's line the same actions act on the whole account, members included.
  expect((await admin.post(`/admin/accounts/${cora.id}/suspend`, {})).status).toBe(303);
  const suspended = quotaCheck(ctx, mel.id, "webapps");
  expect(!suspended.allowed && suspended.message).toContain("This account is suspended");
});
