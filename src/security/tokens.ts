import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random token with 256 bits of entropy, safe in URLs and cookies. */
export function generateToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The SHA-256 of a token as hex: what we store instead of the token. */
export function hashToken(token: string): string {
  // Bun's native SHA-256 (same hex as @oslojs): it runs on every signed-in request.
  return Bun.SHA256.hash(token, "hex");
}
