import { errorResponses, jsonContent, plainSchema, ref, type OpenApiFragment } from "../api/openapi-parts";
import { RunCreateBody, RunSchema } from "./api-schema";

const idParam = (what: string) => [
  { name: "id", in: "path" as const, required: true, description: `The ${what}'s id.`, schema: { type: "integer" } },
];
const tags = ["Runs"];

/** The pipeline run endpoints of /api/v1 in OpenAPI form. */
export const pipelineOpenApi: OpenApiFragment = {
  tags: [{ name: "Runs", description: "The nightly agent pipeline: start a day's batch now and follow its steps." }],
  schemas: { Run: plainSchema(RunSchema), RunCreate: plainSchema(RunCreateBody) },
  paths: {
    "/api/v1/webapps/{id}/runs": {
      post: {
        operationId: "startRun",
        tags,
        summary: "Generate a web app's batch for a day",
        description:
          "Queues the pipeline for the day (today in your time zone unless `date`). Without `force`, a day that already has a run answers 200 with that run; otherwise 202 with the new run. Poll GET /api/v1/runs/{id} until status is ready or failed.",
        parameters: idParam("web app"),
        requestBody: { required: false, content: jsonContent(ref("RunCreate")) },
        responses: {
          "202": { description: "A new run was queued.", content: jsonContent(ref("Run")) },
          "200": { description: "The day's existing run.", content: jsonContent(ref("Run")) },
          ...errorResponses(400, 401, 404, 422),
        },
      },
    },
    "/api/v1/runs/{id}": {
      get: {
        operationId: "getRun",
        tags,
        summary: "Get a run's steps and posts",
        parameters: idParam("run"),
        responses: { "200": { description: "The run.", content: jsonContent(ref("Run")) }, ...errorResponses(401, 404) },
      },
    },
  },
};
