import type { PlanQuotas } from "../config/sections/operator";

/** A quota's name as plans spell it. */
export type QuotaKind = keyof PlanQuotas;

/** Each quota of a plan with the words pages and refusals use, in the order pages show them; `money` ones are amounts in the plans' currency. */
export const QUOTAS: readonly { kind: QuotaKind; label: string; unit: string; one: string; money?: true }[] = [
  { kind: "webapps", label: "Web apps", unit: "web apps", one: "web app" },
  { kind: "posts_month", label: "Posts this month", unit: "posts a month", one: "post a month" },
  { kind: "renders_month", label: "Renders this month", unit: "renders a month", one: "render a month" },
  { kind: "connections", label: "Connected accounts", unit: "connected accounts", one: "connected account" },
  { kind: "llm_budget_month", label: "AI budget this month", unit: "of AI use a month", one: "of AI use a month", money: true },
  { kind: "storage_mb", label: "Storage (MB)", unit: "MB of storage", one: "MB of storage" },
  { kind: "seats", label: "Seats", unit: "seats", one: "seat" },
];

/** "12", "12.50" or "unlimited": a limit or amount as a person reads it. */
export function formatLimit(n: number): string {
  if (!Number.isFinite(n)) return "unlimited";
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** "EUR 19", "EUR 0.80" or "unlimited": an amount of money in the plans' currency, as every plan page writes prices. */
export function formatMoney(n: number, currency: string): string {
  if (!Number.isFinite(n)) return "unlimited";
  return `${currency} ${Number.isInteger(n) ? n : n.toFixed(2)}`;
}

/** A quota's name on the usage pages; a money quota names its currency ("AI budget this month (EUR)"). */
export function quotaLabel(kind: QuotaKind, currency: string): string {
  const q = QUOTAS.find((x) => x.kind === kind)!;
  return q.money ? `${q.label} (${currency})` : q.label;
}

/** An amount of a quota as a sentence says it: "3 web apps", "1 seat", "unlimited seats", "EUR 5 of AI use a month". */
export function quotaAmount(kind: QuotaKind, n: number, currency: string): string {
  const q = QUOTAS.find((x) => x.kind === kind)!;
  if (q.money) return Number.isFinite(n) ? `${formatMoney(n, currency)} ${q.unit}` : `unlimited ${q.unit.replace(/^of /, "")}`;
  return `${formatLimit(n)} ${n === 1 ? q.one : q.unit}`;
}
