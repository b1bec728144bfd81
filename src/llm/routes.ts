import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { BudgetForm, UsagePage } from "../../views/llm/usage";
import { saveBudget } from "./store";
import { loadUsage, parseBudgetInput } from "./usage";

/** GET /usage (this month's model usage) and POST /usage/budget (the user's monthly budget, htmx). */
export function usageRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/usage", ({ auth, request }) => {
      if (!auth) return redirect(request, "/login");
      return UsagePage({ user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread, report: loadUsage(ctx, auth.user.id) });
    })
    .post(
      "/usage/budget",
      ({ auth, request, body, set }) => {
        if (!auth) return redirect(request, "/login");
        const parsed = parseBudgetInput(body.monthly_budget_usd);
        if (typeof parsed !== "number") {
          set.status = 422;
          return BudgetForm({
            report: loadUsage(ctx, auth.user.id),
            message: { kind: "error", text: parsed.error },
            value: body.monthly_budget_usd,
          });
        }
        saveBudget(ctx.db, auth.user.id, parsed, ctx.clock.now());
        const text = `Saved: your monthly model budget is now $${parsed.toFixed(2)}.`;
        if (request.headers.get("hx-request") === "true")
          return BudgetForm({ report: loadUsage(ctx, auth.user.id), message: { kind: "ok", text } });
        return redirect(request, "/usage");
      },
      { body: t.Object({ monthly_budget_usd: t.String({ maxLength: 64 }) }, { additionalProperties: true }) },
    );
}
