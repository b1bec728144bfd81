import { createHmac, timingSafeEqual } from "node:crypto";
import type { AppContext } from "../app/context";
import { loadEncryptionKey } from "../security/secretbox";

/** Prefix of signed media URLs (public: the signature is the permission). */
export const SIGNED_MEDIA_PREFIX = "/signed-media/";

const keys = new WeakMap<object, Buffer>();

// The configured secret, else a key derived from the encryption key so rotating one rotates both.
function signingKey(ctx: AppContext): Buffer {
  let k = keys.get(ctx);
  if (!k) {
    const base = ctx.config.media.signed_url_secret
      ? Buffer.from(ctx.config.media.signed_url_secret)
      : loadEncryptionKey(ctx.config.security.encryption_key, ctx.config.storage.data_dir, ctx.log.warn);
    k = createHmac("sha256", base).update("amarktai media urls v1").digest();
    keys.set(ctx, k);
  }
  return k;
}

function sign(ctx: AppContext, relPath: string, exp: number): string {
  return createHmac("sha256", signingKey(ctx)).update(`${relPath}\n${exp}`).digest("base64url");
}

/** A URL a platform can fetch without a session until `ttlMs` from now (HMAC over path and expiry). */
export function signedMediaUrl(ctx: AppContext, relPath: string, ttlMs: number): string {
  const exp = ctx.clock.now().getTime() + ttlMs;
  const path = relPath.split("/").map(encodeURIComponent).join("/");
  return `${ctx.config.server.public_base_url}${SIGNED_MEDIA_PREFIX}${path}?exp=${exp}&sig=${sign(ctx, relPath, exp)}`;
}

/** Checks a signed URL's expiry and signature; returns a reason when it does not hold. */
export function signedUrlProblem(ctx: AppContext, relPath: string, exp: string | undefined, sig: string | undefined): string | undefined {
  const e = Number(exp);
  if (!exp || !sig || !Number.isFinite(e)) return "missing signature";
  if (e < ctx.clock.now().getTime()) return "link expired";
  const want = Buffer.from(sign(ctx, relPath, e));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got) ? undefined : "bad signature";
}
