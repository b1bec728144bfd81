import { Elysia } from "elysia";
import { normalize } from "node:path";
import type { AppContext } from "../app/context";
import { sessionPlugin } from "../http/session";
import { SIGNED_MEDIA_PREFIX, signedUrlProblem } from "./signed";
import { mediaStoreOf } from "./storage/open";
import type { ByteRange } from "./storage/port";
import { userOwnsWebapp } from "./store";

const TYPES: Record<string, string> = { mp4: "video/mp4", jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** A media path <user>/<app>/<date>/<file> split and checked, or undefined when it is not one. */
export function parseMediaPath(raw: string): { rel: string; userId: number; webappId: number } | undefined {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(raw)).replace(/^\/+/, "");
  } catch {
    return undefined;
  }
  const m = /^(\d+)\/(\d+)\/(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9._-]+)$/.exec(rel);
  if (!m || rel.includes("..")) return undefined;
  return { rel, userId: Number(m[1]), webappId: Number(m[2]) };
}

async function serve(ctx: AppContext, rel: string, cache: string, range: string | null): Promise<Response> {
  const store = mediaStoreOf(ctx);
  const type = TYPES[rel.split(".").pop()!.toLowerCase()] ?? "application/octet-stream";
  // Both drivers answer alike; a bucket's object is passed through (the page's own origin keeps the CSP simple), platforms get presigned URLs instead.
  const stat = await store.stat(rel).catch(() => undefined);
  if (!stat) return new Response("not found", { status: 404 });
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": cache,
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
  };
  const slice = byteRange(range, stat.bytes);
  if (slice === "unsatisfiable") return new Response(null, { status: 416, headers: { "content-range": `bytes */${stat.bytes}` } });
  const body = await store.stream(rel, slice).catch(() => undefined);
  if (!body) return new Response("not found", { status: 404 });
  // Video players seek with Range requests (Safari will not play a video without them).
  if (!slice) return new Response(body, { headers: { ...headers, "content-length": String(stat.bytes) } });
  return new Response(body, {
    status: 206,
    headers: {
      ...headers,
      "content-length": String(slice.end - slice.start + 1),
      "content-range": `bytes ${slice.start}-${slice.end}/${stat.bytes}`,
    },
  });
}

/**
 * The one byte range a Range header asks of `size` bytes: undefined for the whole (no header, one we do not serve,
 * or an invalid one such as "bytes=5-2", which RFC 9110 says to ignore), "unsatisfiable" past the end.
 */
export function byteRange(header: string | null, size: number): ByteRange | "unsatisfiable" | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] !== "" && m[2] !== "" && Number(m[2]) < Number(m[1])) return undefined;
  const start = m[1] === "" ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === "" || m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? "unsatisfiable" : { start, end };
}

/** GET /media/<path> for the signed-in owner, and GET /signed-media/<path>?exp&sig for platforms pulling by URL. */
export function mediaRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/media/*", ({ params, auth, request }) => {
      const p = parseMediaPath(params["*"]);
      // Someone else's file answers 404, the same as a missing one.
      if (!auth || !p || p.userId !== auth.user.id || !userOwnsWebapp(ctx.db, auth.user.id, p.webappId))
        return new Response("not found", { status: 404 });
      return serve(ctx, p.rel, "private, max-age=3600", request.headers.get("range"));
    })
    .get(`${SIGNED_MEDIA_PREFIX}*`, ({ params, query, request }) => {
      const p = parseMediaPath(params["*"]);
      if (!p) return new Response("not found", { status: 404 });
      const problem = signedUrlProblem(ctx, p.rel, query.exp, query.sig);
      if (problem) return new Response(problem, { status: 403 });
      return serve(ctx, p.rel, "private, no-store", request.headers.get("range"));
    });
}
