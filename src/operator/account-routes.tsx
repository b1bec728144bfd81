import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import type { User } from "../auth/sessions";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { zipStore } from "../lib/zip";
import { findUserById, type UserRow } from "../users/store";
import { AccountsPage, type AccountLine } from "../../views/operator/admin";
import { PlanUsagePage } from "../../views/operator/usage";
import { accountRows, deleteAccountData, membersDeletedWith } from "./export-store";
import { listMembers } from "./seats-store";
import { planFor } from "./plans";
import { usageSummary } from "./quota";
import { ensureAccount, listAccounts, touchAccount, updateAccount } from "./store";

const ADMIN_USAGE = new Set(["webapps", "posts_month", "renders_month", "connections", "llm_budget_month", "storage_mb", "seats"]);

function accountLines(ctx: AppContext): AccountLine[] {
  // Members are listed through their owner's account (its seats); their use counts there.
  return listAccounts(ctx.db)
    .filter(({ user }) => user.accountOwnerId === null)
    .map(({ user, account }) => {
      const summary = usageSummary(ctx, user.id);
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        planId: summary.plan.id,
        planName: summary.plan.name,
        status: account?.status ?? "none",
        suspended: Boolean(account?.suspendedAt),
        lastActive: account?.lastActiveAt?.toISOString().slice(0, 16).replace("T", " "),
        usage: summary.rows.filter((r) => ADMIN_USAGE.has(r.kind)),
        members: listMembers(ctx.db, user.id).map((m) => ({ id: m.id, name: m.name, email: m.email })),
      };
    });
}

/**
 * The sentence refusing a plan change or a suspension aimed at a member of someone else's account, naming the owner;
 * undefined for an owner. A member has no plan or standing of their own (quotas and billing read the owner's row), so
 * acting on their id would only write a billing row that nothing reads; the page offers these on the owner's line.
 */
function memberRefusal(ctx: AppContext, user: UserRow): string | undefined {
  if (user.accountOwnerId === null) return undefined;
  const owner = findUserById(ctx.db, user.accountOwnerId);
  const who = owner ? `${owner.name}'s account (${owner.email})` : "another account";
  return `Nothing was changed: ${user.email} is a member of ${who}. A member has no plan or suspension of their own: change them on the owner's line.`;
}

/** /usage/plan for every account and /admin/accounts for the operator's admins; mounted only in operator mode. */
export function operatorAccountRoutes(ctx: AppContext) {
  if (!ctx.config.operator.enabled) return new Elysia();
  const plans = ctx.config.operator.plans.map((p) => ({ id: p.id, name: p.name }));
  const adminPage = (a: User, csrf: string, unread: number, message?: string) => (
    <AccountsPage user={a} csrf={csrf} unread={unread} accounts={accountLines(ctx)} plans={plans} message={message} />
  );
  return new Elysia()
    .use(sessionPlugin(ctx))
    .onBeforeHandle(({ auth, path, set }) => {
      if (auth) touchAccount(ctx.db, auth.user.id, ctx.clock.now());
      if (path.startsWith("/admin/") && auth?.user.role !== "admin") {
        set.status = 404;
        return "not found";
      }
    })
    .get("/usage/plan", ({ auth }) => {
      const a = auth!;
      const s = usageSummary(ctx, a.user.id);
      return (
        <PlanUsagePage
          user={a.user}
          csrf={a.session.csrfToken}
          unread={a.unread}
          planName={s.plan.name}
          banner={a.user.billingBanner ? undefined : s.standing.banner}
          rows={s.rows}
        />
      );
    })
    .get("/admin/accounts", ({ auth }) => adminPage(auth!.user, auth!.session.csrfToken, auth!.unread))
    .post("/admin/accounts/:id/plan", ({ auth, params, body, request, set }) => {
      const user = findUserById(ctx.db, Number(params.id));
      const planId = (body as Record<string, unknown>)?.plan;
      if (!user || typeof planId !== "string" || !ctx.config.operator.plans.some((p) => p.id === planId)) {
        set.status = 422;
        return adminPage(auth!.user, auth!.session.csrfToken, auth!.unread, "Nothing was changed: pick an existing account and plan.");
      }
      // An operator's account has no plan (quotas do not apply to it), as suspend and resume refuse it too.
      if (user.role === "admin") {
        set.status = 422;
        return adminPage(
          auth!.user,
          auth!.session.csrfToken,
          auth!.unread,
          "Nothing was changed: that account is an operator's, and plans apply only to customers' accounts.",
        );
      }
      const member = memberRefusal(ctx, user);
      if (member) {
        set.status = 422;
        return adminPage(auth!.user, auth!.session.csrfToken, auth!.unread, member);
      }
      ensureAccount(ctx.db, user.id, planId, ctx.clock.now());
      updateAccount(ctx.db, user.id, { planId });
      ctx.log.info(`operator: admin ${auth!.user.id} put user ${user.id} on plan ${planId}`);
      return redirect(request, `/admin/accounts#account-${user.id}`);
    })
    .post("/admin/accounts/:id/:action", ({ auth, params, body, request, set }) => {
      const user = findUserById(ctx.db, Number(params.id));
      const me = auth!;
      if (!user || user.role === "admin" || !["suspend", "resume", "delete"].includes(params.action)) {
        set.status = 404;
        return adminPage(me.user, me.session.csrfToken, me.unread, "Nothing was changed: no such account, or it is an operator's.");
      }
      const member = params.action === "delete" ? undefined : memberRefusal(ctx, user);
      if (member) {
        set.status = 422;
        return adminPage(me.user, me.session.csrfToken, me.unread, member);
      }
      const now = ctx.clock.now();
      if (params.action === "delete") {
        const confirm = String((body as Record<string, unknown>)?.confirm ?? "")
          .trim()
          .toLowerCase();
        if (confirm !== user.email.toLowerCase()) {
          set.status = 422;
          return adminPage(me.user, me.session.csrfToken, me.unread, `Nothing was deleted: type ${user.email} to confirm.`);
        }
        const members = membersDeletedWith(ctx.db, user.id);
        deleteAccountData(ctx.db, user.id);
        ctx.log.info(
          `operator: admin ${me.user.id} deleted user ${user.id} and their data${members.length ? `, with members ${members.map((m) => m.id).join(", ")}` : ""}`,
        );
        const withMembers = members.length
          ? `, with the account's member${members.length === 1 ? "" : "s"} ${members.map((m) => m.email).join(", ")}`
          : "";
        return adminPage(me.user, me.session.csrfToken, me.unread, `${user.email} and all their data were deleted${withMembers}.`);
      }
      ensureAccount(ctx.db, user.id, planFor(ctx.config, undefined).id, now);
      updateAccount(ctx.db, user.id, { suspendedAt: params.action === "suspend" ? now : null });
      ctx.log.info(`operator: admin ${me.user.id} ${params.action === "suspend" ? "suspended" : "resumed"} user ${user.id}`);
      return redirect(request, `/admin/accounts#account-${user.id}`);
    })
    .get("/admin/accounts/:id/export", ({ params, set }) => {
      const user = findUserById(ctx.db, Number(params.id));
      if (!user) {
        set.status = 404;
        return "not found";
      }
      const now = ctx.clock.now();
      const rows = accountRows(ctx.db, user.id);
      const entries = Object.entries(rows).map(([table, list]) => ({
        name: `${table}.json`,
        data: new TextEncoder().encode(JSON.stringify(list, null, 2)),
      }));
      const zip = zipStore(entries, now);
      return new Response(Buffer.from(zip), {
        headers: {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="account-${user.id}-${now.toISOString().slice(0, 10)}.zip"`,
          "cache-control": "no-store",
        },
      });
    });
}
