import type { PlanQuotas } from "../config/sections/operator";

/** A quota's name as plans spell it. */
export type QuotaKind = keyof PlanQuotas;

/** Each quota of a plan with the words pages and refusals use, in the order pages show them. */
export const QUOTAS: readonly { kind: QuotaKind; label: string; unit: string; one: string }[] = [
  { kind: "webapps", label: "Web apps", unit: "web apps", one: "web app" },
  { kind: "posts_month", label: "Posts this month", unit: "posts a month", one: "post a month" },
  { kind: "renders_month", label: "Renders this month", unit: "renders a month", one: "render a month" },
  { kind: "connections", label: "Connected accounts", unit: "connected accounts", one: "connected account" },
  { kind: "llm_budget_month", label: "AI budget this month (USD)", unit: "USD of AI use a month", one: "USD of AI use a month" },
  { kind: "storage_mb", label: "Storage (MB)", unit: "MB of storage", one: "MB of storage" },
  { kind: "seats", label: "Seats", unit: "seats", one: "seat" },
];

/** "12", "12.50" or "unlimited": a limit or amount as a person reads it. */
export function formatLimit(n: number): string {
  if (!Number.isFinite(n)) return "unlimited";
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
