import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { BudgetForm, UsagePage } from "../../views/llm/usage";
import { planAiBudget } from "../operator/quota";
import { saveBudget } from "./store";
import { loadUsage, parseBudgetInput } from "./usage";

/** GET /usage (this month's model usage) and POST /usage/budget (the user's monthly budget, htmx). */
export function usageRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/usage", ({ auth, request }) => {
      if (!auth) return redirect(request, "/login");
      return UsagePage({
        user: auth.user,
        csrf: auth.session.csrfToken,
        unread: auth.unread,
        report: loadUsage(ctx, auth.user.id),
        plan: planAiBudget(ctx, auth.user.id),
      });
    })
    .post(
      "/usage/budget",
      ({ auth, request, body, set }) => {
        if (!auth) return redirect(request, "/login");
        // In operator mode the plan sets the budget: nobody but an admin changes it here.
        const plan = planAiBudget(ctx, auth.user.id);
        if (plan) {
          set.status = 403;
          const text = "Your plan sets your AI budget; choose a bigger plan to raise it.";
          return BudgetForm({ report: loadUsage(ctx, auth.user.id), plan, message: { kind: "error", text }, csrf: auth.session.csrfToken });
        }
        const parsed = parseBudgetInput(body.monthly_budget_usd);
        if (typeof parsed !== "number") {
          set.status = 422;
          return BudgetForm({
            report: loadUsage(ctx, auth.user.id),
            message: { kind: "error", text: parsed.error },
            value: body.monthly_budget_usd,
            csrf: auth.session.csrfToken,
          });
        }
        saveBudget(ctx.db, auth.user.id, parsed, ctx.clock.now());
        const text = `Saved: your monthly model budget is now $${parsed.toFixed(2)}.`;
        if (request.headers.get("hx-request") === "true")
          return BudgetForm({ report: loadUsage(ctx, auth.user.id), message: { kind: "ok", text }, csrf: auth.session.csrfToken });
        return redirect(request, "/usage");
      },
      { body: t.Object({ monthly_budget_usd: t.String({ maxLength: 64 }) }, { additionalProperties: true }) },
    );
}
