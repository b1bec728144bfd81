import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { countUsers, findUserByEmail, findUserById, listUsers } from "../../src/users/store";
import { addUser, clientFor } from "../support/accounts";
import { makeTestContext } from "../support/context";
import { TestClient } from "../support/http";
import { decodeQuotedPrintable, startSmtp, type TestSmtp } from "../support/smtp";

const PASSWORD = "member passphrase here";
let smtp: TestSmtp;
let ctx: ReturnType<typeof makeTestContext>;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(() => smtp.close());
afterEach(() => ctx.cleanup());

async function inviteByMail(admin: TestClient, email: string): Promise<string> {
  const r = await admin.post("/settings/users/invite", { email });
  expect(r.status).toBe(200);
  expect(r.text).toContain(`An email was sent to ${email}.`);
  const mail = decodeQuotedPrintable((await smtp.next()).raw);
  expect(mail).toContain("Content-Type: text/html");
  return /http:\/\/localhost:3000\/invite\/([a-z0-9]+)/.exec(mail)![1]!;
}

describe("invitations", () => {
  test("an admin invites by email; the link creates a member and signs them in, once", async () => {
    ctx = makeTestContext(smtp.env);
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" }));
    const token = await inviteByMail(admin, "bob@example.com");

    const c = new TestClient(ctx);
    const page = await c.get(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Ann");
    expect(page.text).toContain('value="bob@example.com"');
    expect(page.text).toContain('autocomplete="new-password"');

    const bad = await c.post(`/invite/${token}`, { name: "Bob", password: "short", timezone: "UTC" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="Bob"');
    expect(countUsers(ctx.db)).toBe(1);

    const ok = await c.post(`/invite/${token}`, { name: "Bob", password: PASSWORD, timezone: "America/New_York" });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/dashboard");
    const bob = findUserByEmail(ctx.db, "bob@example.com")!;
    expect(bob.role).toBe("member");
    expect(bob.timezone).toBe("America/New_York");
    expect((await c.get("/settings")).text).toContain("Bob");

    const again = await new TestClient(ctx).post(`/invite/${token}`, { name: "Mallory", password: PASSWORD, timezone: "UTC" });
    expect(again.status).toBe(410);
    expect(again.text).toContain("already been used");
    expect(findUserByEmail(ctx.db, "bob@example.com")!.name).toBe("Bob");
    expect(countUsers(ctx.db)).toBe(2);
  });

  test("expired and tampered invitations show a clear page and create nobody", async () => {
    ctx = makeTestContext(smtp.env);
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", role: "admin" }));
    const token = await inviteByMail(admin, "bob@example.com");
    const c = new TestClient(ctx);

    const tampered = await c.post(`/invite/${token}x`, { name: "Bob", password: PASSWORD, timezone: "UTC" });
    expect(tampered.status).toBe(404);
    expect(tampered.text).toContain("This invitation link is not valid");

    ctx.clock.advance(7 * 86_400_000 + 1000);
    const get = await c.get(`/invite/${token}`);
    expect(get.status).toBe(410);
    expect(get.text).toContain("This invitation has expired");
    expect((await c.post(`/invite/${token}`, { name: "Bob", password: PASSWORD, timezone: "UTC" })).status).toBe(410);
    expect(countUsers(ctx.db)).toBe(1);
  });

  test("inviting an existing account or a bad email is refused with the typed value kept", async () => {
    ctx = makeTestContext(smtp.env);
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", role: "admin" }));
    const taken = await admin.htmx("/settings/users/invite", { email: "ANN@example.com" });
    expect(taken.status).toBe(422);
    expect(taken.text.startsWith('<section class="card stack" id="invite"')).toBe(true);
    expect(taken.text).toContain("already has an account");
    const bad = await admin.post("/settings/users/invite", { email: "nope" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('value="nope"');
    expect(smtp.received.filter((m) => m.to.includes("ann@example.com"))).toEqual([]);
  });

  test("with auth.signup closed no one can be invited", async () => {
    ctx = makeTestContext({ ...smtp.env, AMARKTAI_AUTH_SIGNUP: "closed" });
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", role: "admin" }));
    const refused = await admin.post("/settings/users/invite", { email: "newcomer@example.com" });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain("New accounts are closed on this box");
    expect(smtp.received.filter((m) => m.to.includes("newcomer@example.com"))).toEqual([]);
  });

  test("with no SMTP server the page names the saved .eml file", async () => {
    ctx = makeTestContext();
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", role: "admin" }));
    const r = await admin.post("/settings/users/invite", { email: "bob@example.com" });
    expect(r.status).toBe(200);
    const path = /saved to (\S+\.eml) on the server/.exec(r.text)?.[1];
    expect(path).toBeDefined();
    expect(path!.startsWith(ctx.config.storage.data_dir)).toBe(true);
    expect(decodeQuotedPrintable(readFileSync(path!, "utf8"))).toMatch(/\/invite\/[a-z0-9]{40,}/);
  });

  test("open invitations are listed; a new one replaces the old link; withdrawing kills the link", async () => {
    ctx = makeTestContext(smtp.env);
    const admin = clientFor(ctx, await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" }));
    const first = await inviteByMail(admin, "bob@example.com");
    const second = await inviteByMail(admin, "bob@example.com");
    const page = await admin.get("/settings/users");
    expect(page.text.match(/<td>bob@example.com<\/td>/g)).toHaveLength(1);
    expect(page.text).toContain("9 Mar 2026, 12:00");
    expect((await new TestClient(ctx).get(`/invite/${first}`)).status).toBe(404);
    expect((await new TestClient(ctx).get(`/invite/${second}`)).status).toBe(200);

    const id = /\/settings\/users\/invites\/(\d+)\/withdraw/.exec(page.text)![1];
    const withdrawn = await admin.htmx(`/settings/users/invites/${id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.text).toContain("Invitation withdrawn");
    expect(withdrawn.text).toContain("No invitations are waiting");
    const dead = await new TestClient(ctx).post(`/invite/${second}`, { name: "Bob", password: PASSWORD, timezone: "UTC" });
    expect(dead.status).toBe(404);
    expect(countUsers(ctx.db)).toBe(1);
    expect((await admin.post(`/settings/users/invites/${id}/withdraw`)).status).toBe(404);
  });
});

describe("roles", () => {
  test("a member cannot see users, invite or change roles", async () => {
    ctx = makeTestContext(smtp.env);
    const ann = await addUser(ctx, { email: "ann@example.com", role: "admin" });
    const bob = await addUser(ctx, { email: "bob@example.com" });
    const member = clientFor(ctx, bob);
    const list = await member.get("/settings/users");
    expect(list.status).toBe(403);
    expect(list.text).toContain("Only an administrator can manage users");
    expect((await member.post("/settings/users/invite", { email: "eve@example.com" })).status).toBe(403);
    expect((await member.post(`/settings/users/${bob.id}/role`, { role: "admin" })).status).toBe(403);
    expect((await member.post(`/settings/users/${ann.id}/role`, { role: "member" })).status).toBe(403);
    expect((await member.post(`/settings/users/invites/1/withdraw`)).status).toBe(403);
    expect(findUserById(ctx.db, bob.id)!.role).toBe("member");
    expect(findUserById(ctx.db, ann.id)!.role).toBe("admin");
    expect(smtp.received.filter((m) => m.to.includes("eve@example.com"))).toEqual([]);
    expect((await member.get("/settings")).text).not.toContain('href="/settings/users"');
  });

  test("an admin promotes and demotes, but the last admin stays an admin", async () => {
    ctx = makeTestContext();
    const ann = await addUser(ctx, { email: "ann@example.com", name: "Ann", role: "admin" });
    const bob = await addUser(ctx, { email: "bob@example.com", name: "Bob" });
    const admin = clientFor(ctx, ann);
    const page = await admin.get("/settings/users");
    expect(page.status).toBe(200);
    expect(page.text).toContain("bob@example.com");

    const last = await admin.htmx(`/settings/users/${ann.id}/role`, { role: "member" });
    expect(last.status).toBe(409);
    expect(last.text).toContain("Ann is the last admin");
    expect(findUserById(ctx.db, ann.id)!.role).toBe("admin");

    const promote = await admin.post(`/settings/users/${bob.id}/role`, { role: "admin" });
    expect(promote.status).toBe(200);
    expect(promote.text).toContain("Bob is now an admin.");
    expect(listUsers(ctx.db).filter((u) => u.role === "admin")).toHaveLength(2);

    const self = await admin.post(`/settings/users/${ann.id}/role`, { role: "member" });
    expect(self.location).toBe("/settings");
    expect(findUserById(ctx.db, ann.id)!.role).toBe("member");

    const bobClient = clientFor(ctx, findUserById(ctx.db, bob.id)!);
    expect((await bobClient.post(`/settings/users/${bob.id}/role`, { role: "member" })).status).toBe(409);
    expect((await bobClient.post(`/settings/users/9999/role`, { role: "member" })).status).toBe(404);
    expect((await bobClient.post(`/settings/users/${ann.id}/role`, { role: "owner" })).status).toBe(422);
  });
});
