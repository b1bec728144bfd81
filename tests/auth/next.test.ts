import { expect, test } from "bun:test";
import { safeNext } from "../../src/auth/next";

test("safeNext refuses every shape that leaves the site", () => {
  const escapes = [
    "//evil.example",
    "/.//evil.example",
    "/.//evil.example/phish",
    "/././/evil.example",
    "/x/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/%2f%2fevil.example",
    "/%2F%2Fevil.example",
    "/%5c%5cevil.example",
    "/%5Cevil.example",
    "/%2e%2e%2f%2fevil.example",
    "/%00/evil.example",
    "https://evil.example",
    "http:/evil.example",
    "evil.example",
    "",
    " /dashboard",
  ];
  for (const next of escapes) expect([next, safeNext(next)]).toEqual([next, "/dashboard"]);
});

test("safeNext keeps ordinary paths on this site, with their query", () => {
  expect(safeNext("/settings")).toBe("/settings");
  expect(safeNext("/settings/users?tab=1")).toBe("/settings/users?tab=1");
  expect(safeNext("/approvals/./today")).toBe("/approvals/today");
  expect(safeNext("/apps/a%20b")).toBe("/apps/a%20b");
  expect(safeNext(undefined)).toBe("/dashboard");
});
