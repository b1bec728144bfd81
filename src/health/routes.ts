import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { checkHealth } from "./check";

/** GET /healthz: 200 {"status":"ok"} when the database and ffmpeg are usable, else 503 with the reasons. */
export function healthRoutes(ctx: AppContext) {
  return new Elysia().get("/healthz", ({ set }) => {
    const h = checkHealth(ctx);
    set.status = h.status === "ok" ? 200 : 503;
    set.headers["cache-control"] = "no-store";
    return h;
  });
}
