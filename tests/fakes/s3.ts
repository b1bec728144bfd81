/**
 * An S3-compatible bucket on a loopback port for tests: s3rver (the npm S3 fake: buckets, objects, multipart uploads,
 * list v2, documented error XML, presigned-URL expiry) with one layer s3rver lacks: it does not check Signature
 * Version 4 signatures at all, so this fake checks those of presigned URLs (query-string auth) as S3 documents them:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html (a wrong one answers 403 SignatureDoesNotMatch).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

/** The one key pair s3rver knows. */
export const S3_FAKE_KEYS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

/** S3's UriEncode: every byte except A-Z a-z 0-9 - . _ ~ as %XY (upper case); "/" kept in paths only. */
export function uriEncode(s: string, keepSlash = false): string {
  return Array.from(Buffer.from(s, "utf8"))
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === "/") ? c : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
    })
    .join("");
}

/** The signature S3 expects on a presigned request (query auth, UNSIGNED-PAYLOAD), from its parts as sent. */
export function presignedSignature(
  req: { method: string; path: string; query: URLSearchParams; headers: Record<string, string | undefined> },
  secret: string,
): string {
  const q = req.query;
  const [, date, region, service] = (q.get("X-Amz-Credential") ?? "").split("/");
  const signed = (q.get("X-Amz-SignedHeaders") ?? "").split(";");
  const canonicalUri = req.path
    .split("/")
    .map((s) => uriEncode(decodeURIComponent(s)))
    .join("/");
  const canonicalQuery = [...q.entries()]
    .filter(([k]) => k !== "X-Amz-Signature")
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalHeaders = signed.map((h) => `${h}:${(req.headers[h] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const canonical = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signed.join(";"), "UNSIGNED-PAYLOAD"].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", q.get("X-Amz-Date"), scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date ?? ""), region ?? ""), service ?? ""), "aws4_request");
  return createHmac("sha256", key).update(toSign).digest("hex");
}

type KoaCtx = {
  method: string;
  path: string;
  querystring: string;
  headers: Record<string, string | undefined>;
  status: number;
  body: unknown;
  type: string;
  length: number;
  get(field: string): string;
  set(field: string, value: string): void;
};

/** s3rver started on 127.0.0.1 (a random port) in a temp folder with one bucket; presigned signatures checked. */
export class S3Fake {
  private server?: S3rver;
  private dir = mkdtempSync(join(tmpdir(), "s3-fake-"));
  /** The service's origin once started. */
  endpoint = "";

  constructor(readonly bucket = "media") {}

  /** Starts listening; answers the endpoint. */
  async start(): Promise<string> {
    const server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: this.dir,
      configureBuckets: [{ name: this.bucket, configs: [] }],
    });
    // Koa runs middleware in array order: the check goes in front of s3rver's own (which skips v4 signatures).
    (server as unknown as { middleware: Array<(ctx: KoaCtx, next: () => Promise<void>) => Promise<void>> }).middleware.unshift(
      async (ctx, next) => {
        const query = new URLSearchParams(ctx.querystring);
        if (query.get("X-Amz-Algorithm") === "AWS4-HMAC-SHA256") {
          const want = presignedSignature(
            { method: ctx.method, path: ctx.path, query, headers: ctx.headers },
            S3_FAKE_KEYS.secretAccessKey,
          );
          const got = query.get("X-Amz-Signature") ?? "";
          if (got.length !== want.length || !timingSafeEqual(Buffer.from(got), Buffer.from(want))) {
            ctx.status = 403;
            ctx.type = "application/xml";
            ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>`;
            return;
          }
        }
        await next();
      },
    );
    // s3rver reads "bytes=0-0" as "bytes=0-" (its end 0 counts as absent); S3 answers that one byte, as RFC 9110 14.1.2 says.
    (server as unknown as { middleware: Array<(ctx: KoaCtx, next: () => Promise<void>) => Promise<void>> }).middleware.unshift(
      async (ctx, next) => {
        await next();
        if (ctx.method !== "GET" || !/^bytes=0+-0+$/.test(ctx.headers.range ?? "") || ctx.status !== 206) return;
        const size = /\/(\d+)$/.exec(ctx.get("Content-Range"))?.[1] ?? "";
        const body = ctx.body as NodeJS.ReadableStream & { destroy(): void };
        const first = await new Promise<Buffer>((resolve, reject) =>
          body.once("data", (c) => resolve(Buffer.from(c))).once("error", reject),
        );
        body.destroy();
        ctx.body = first.subarray(0, 1);
        ctx.set("Content-Range", `bytes 0-0/${size}`);
        ctx.length = 1;
      },
    );
    const { port } = await server.run();
    this.server = server;
    this.endpoint = `http://127.0.0.1:${port}`;
    return this.endpoint;
  }

  /** Stops the service and removes its folder. */
  async stop(): Promise<void> {
    await this.server?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
