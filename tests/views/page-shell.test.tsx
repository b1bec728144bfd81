import { describe, expect, test } from "bun:test";
import type { User } from "../../src/auth/sessions";
import { Page } from "../../views/layout/page";

function user(name: string): User {
  return {
    id: 1,
    email: "owner@example.com",
    name,
    passwordHash: "-",
    role: "admin",
    timezone: "UTC",
    createdAt: new Date(0),
    reportFrequency: "weekly",
  };
}

function page(
  o: { title?: string; name?: string; unread?: number; csrf?: string; active?: "dashboard" | "settings"; body?: string } = {},
): string {
  return Page({
    title: o.title ?? "Dashboard",
    user: user(o.name ?? "Ada"),
    csrf: o.csrf ?? "token-one",
    unread: o.unread ?? 0,
    active: o.active ?? "dashboard",
    children: o.body ?? "<p>content</p>",
  }) as string;
}

// The shell around a page's content is rendered once per distinct input and reused: every input must
// still show up in the page, and reuse must never show one user's shell to another.
describe("the page shell", () => {
  test("every input of the shell shows in the page, also when the same shell is reused", () => {
    const first = page();
    expect(page()).toBe(first);
    expect(first).toContain("<title>Dashboard · Amarktai Marketing</title>");
    expect(first).toContain("<h1>Dashboard</h1><p>content</p></main>");
    expect(first).toContain('<span class="who">Ada</span>');
    expect(first).toContain('value="token-one"');
    expect(first).toContain('href="/dashboard" aria-current="page"');
    expect(first).not.toContain("badge count");

    expect(page({ name: "Grace" })).toContain('<span class="who">Grace</span>');
    expect(page({ unread: 3 })).toContain('<span class="badge count">3</span>');
    expect(page({ unread: 3 })).toContain('aria-label="Notifications, 3 unread"');
    expect(page({ unread: 120 })).toContain('<span class="badge count">99+</span>');
    // The count reused from one shell never shows in another: back to none after a count was shown.
    expect(page({ unread: 0 })).not.toContain("badge count");
    const other = page({ csrf: "token-two" });
    expect(other).toContain('value="token-two"');
    expect(other).toContain("&#34;token-two&#34;}");
    expect(other).not.toContain("token-one");
    expect(page({ title: "Settings", active: "settings" })).toContain('href="/settings" aria-current="page"');
    expect(page({ body: "<p>other</p>" })).toContain("<h1>Dashboard</h1><p>other</p></main>");
  });

  test("inputs that only differ in where a separator would fall give different pages", () => {
    const a = page({ title: "A\nB", name: "C" });
    const b = page({ title: "A", name: "B\nC" });
    expect(a).not.toBe(b);
    expect(b).toContain('<span class="who">B\nC</span>');
  });

  test("the user's name and the title are escaped, and cannot fake the content slot", () => {
    const html = page({ name: "<!--amarktai:content--><b>x</b>", title: "<script>" });
    expect(html).toContain("&lt;!--amarktai:content--&gt;&lt;b&gt;x&lt;/b&gt;");
    expect(html).toContain("<h1>&lt;script&gt;</h1><p>content</p></main>");
  });

  test("async content is awaited into the same shell", async () => {
    const html = await Page({
      title: "Later",
      user: user("Ada"),
      csrf: "token-one",
      unread: 0,
      active: "dashboard",
      children: Promise.resolve("<p>late</p>"),
    });
    expect(html).toContain("<h1>Later</h1><p>late</p></main></div></body></html>");
  });

  test("more distinct shells than are kept still render correctly", () => {
    for (let i = 0; i < 600; i++) expect(page({ name: `User ${i}` })).toContain(`<span class="who">User ${i}</span>`);
    expect(page({ name: "User 0" })).toContain('<span class="who">User 0</span>');
  });
});
