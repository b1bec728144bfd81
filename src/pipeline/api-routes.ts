import { Elysia, t } from "elysia";
import type { AppContext } from "../app/context";
import { apiError, bearerPlugin } from "../api/bearer";
import { apiErrorsPlugin } from "../api/errors";
import { jsonBody } from "../api/json-body";
import { RunCreateBody, runJson } from "./api-schema";
import { requestRun } from "./start";
import { batchItems, findRun, listSteps } from "./store";
import { isLocalDate } from "../lib/zoned-time";

const IdParams = t.Object({ id: t.String({ pattern: "^[0-9]{1,12}$" }) });

/** /api/v1 runs: start (or fetch) a web app's run for a day, and read a run's progress and posts. */
export function pipelineApiRoutes(ctx: AppContext) {
  const show = (runId: number) => {
    const run = findRun(ctx.db, runId)!;
    return runJson(run, listSteps(ctx.db, run.id), batchItems(ctx.db, run.batchId));
  };
  return new Elysia({ prefix: "/api/v1" })
    .use(apiErrorsPlugin((e) => ctx.log.error(`api.runs: ${e instanceof Error ? e.stack : e}`)))
    .use(bearerPlugin(ctx))
    .post(
      "/webapps/:id/runs",
      ({ apiUser, params, body, set }) => {
        if (body?.date !== undefined && !isLocalDate(body.date))
          return apiError(422, "invalid_field", `"${body.date}" is not a real date; send YYYY-MM-DD.`, "date");
        const r = requestRun(ctx, {
          webappId: Number(params.id),
          userId: apiUser!.id,
          localDate: body?.date,
          force: body?.force ?? false,
          trigger: "api",
        });
        if (!r) return apiError(404, "not_found", `There is no web app ${params.id} among yours.`);
        set.status = r.created ? 202 : 200;
        set.headers["location"] = `/api/v1/runs/${r.run.id}`;
        return show(r.run.id);
      },
      { params: IdParams, ...jsonBody(RunCreateBody, { optional: true }) },
    )
    .get(
      "/runs/:id",
      ({ apiUser, params }) => {
        const run = findRun(ctx.db, Number(params.id), apiUser!.id);
        return run ? show(run.id) : apiError(404, "not_found", `There is no run ${params.id} among yours.`);
      },
      { params: IdParams },
    );
}
