import type { AppContext } from "../app/context";
import { checkHealth, type Health } from "./check";

/** The health of one role's process: the usual checks, which role it is, and whether its job queue's database answers. */
export interface RoleHealth extends Health {
  role: string;
  /** "ok", or "unreachable" when the queue's database does not answer (then the status is unavailable). */
  queue: "ok" | "unreachable";
}

/** Anything that answers whether the queue's database is up (the job-queue port's ping). */
export interface Pingable {
  ping(): Promise<void>;
}

const PING_MS = 3000;

/** Checks as /healthz does, plus the queue's database (a ping that must answer within 3 s); ffmpeg counts only where renders run. */
export async function checkRoleHealth(ctx: AppContext, role: string, queue: Pingable, ffmpegPath?: string): Promise<RoleHealth> {
  const base = checkHealth(ctx, ffmpegPath);
  const rendersHere = role === "all" || role === "render";
  const problems = rendersHere ? [...base.problems] : base.problems.filter((p) => !p.startsWith("ffmpeg"));
  let reachable: RoleHealth["queue"] = "ok";
  try {
    await Promise.race([
      queue.ping(),
      Bun.sleep(PING_MS).then(() => {
        throw new Error(`no answer within ${PING_MS / 1000} s`);
      }),
    ]);
  } catch (e) {
    reachable = "unreachable";
    problems.push(`queue: its database does not answer (${e instanceof Error ? e.message.split("\n")[0] : e})`);
  }
  return { ...base, status: problems.length ? "unavailable" : "ok", problems, role, queue: reachable };
}

/** GET /healthz for a role's process: 200 when its parts can work, else 503 with the reasons. */
export async function roleHealthResponse(ctx: AppContext, role: string, queue: Pingable): Promise<Response> {
  const h = await checkRoleHealth(ctx, role, queue);
  return Response.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
