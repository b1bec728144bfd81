import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { clientAddress } from "../http/client-address";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { describeLinkProblem, peekLink, type LinkProblem } from "../links/store";
import { planFor } from "../operator/plans";
import { emptyForm, type FormState } from "../../views/auth/fields";
import { LinkProblemPage } from "../../views/auth/link-problem";
import { SignupConfirmPage, SignupForm, SignupPage, SignupSentNotice, SignupSentPage } from "../../views/auth/signup";
import { formAnswer, pageAnswer } from "./respond";
import { signIn } from "./routes";
import { finishSignup, requestSignup, SIGNUP_PURPOSE, signupErrors, signupOpen } from "./signup";
import { readFields } from "./validate";

type SetLike = { status?: number | string; headers: Record<string, unknown> };

function badLink(set: SetLike, problem: LinkProblem) {
  const page = (
    <LinkProblemPage
      title="This sign-up link cannot be used"
      message={describeLinkProblem(problem)}
      next={{ href: "/signup", label: "Sign up again" }}
    />
  );
  return pageAnswer(set, problem === "unknown" || problem === "wrong_purpose" ? 404 : 410, page);
}

/** /signup (the form), its emailed confirmation link /signup/<token>; mounted only when sign-up is open in operator mode. */
export function signupRoutes(ctx: AppContext) {
  if (!signupOpen(ctx)) return new Elysia();
  const termsUrl = ctx.config.operator.terms_url;
  const minutes = ctx.config.auth.reset_link_minutes;
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/signup", ({ request, auth, query }) => {
      if (auth) return redirect(request, "/dashboard");
      const plan = typeof query.plan === "string" && ctx.config.operator.plans.some((p) => p.id === query.plan) ? query.plan : "";
      return <SignupPage state={emptyForm(plan ? { plan } : {})} termsUrl={termsUrl} planName={planFor(ctx.config, plan).name} />;
    })
    .post("/signup", async ({ request, body, set, server }) => {
      const f = readFields(body, ["name", "email", "password", "timezone", "terms", "plan"]);
      const errors = signupErrors(ctx, f);
      const again = (state: FormState, status: number) =>
        formAnswer(
          request,
          set,
          status,
          () => <SignupForm state={state} termsUrl={termsUrl} />,
          () => <SignupPage state={state} termsUrl={termsUrl} />,
        );
      const values = { name: f.name!, email: f.email!, timezone: f.timezone!, terms: f.terms!, plan: f.plan! };
      if (Object.keys(errors).length > 0) return again({ values, errors, message: "Please correct the marked fields." }, 422);
      const sent = await requestSignup(ctx, f, clientAddress(ctx, request, server));
      if (!sent.ok) return again({ values, errors: {}, message: sent.message }, 429);
      if (isHtmx(request)) return <SignupSentNotice email={f.email!} minutes={minutes} />;
      return <SignupSentPage email={f.email!} minutes={minutes} />;
    })
    .get("/signup/:token", ({ params, set, auth }) => {
      const found = peekLink(ctx.db, params.token, SIGNUP_PURPOSE, ctx.clock.now());
      if ("problem" in found) return badLink(set, found.problem);
      return <SignupConfirmPage token={params.token} email={found.link.subject} csrf={auth?.session.csrfToken} />;
    })
    .post("/signup/:token", ({ request, params, set }) => {
      const result = finishSignup(ctx, params.token);
      if ("problem" in result) return badLink(set, result.problem);
      if ("taken" in result)
        return pageAnswer(
          set,
          409,
          <LinkProblemPage
            title="You already have an account"
            message={`${result.taken} already has an account; no new one was made.`}
            next={{ href: "/login", label: "Sign in" }}
          />,
        );
      return signIn(ctx, request, result.user.id);
    });
}
