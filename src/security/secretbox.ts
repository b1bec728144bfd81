import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Encrypts and decrypts secrets at rest (OAuth tokens, API keys) with AES-256-GCM. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("security: the encryption key must be 32 bytes");
  }

  /** Encrypts text; the result is "v1:" + base64(iv | tag | ciphertext). */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return "v1:" + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  /** Decrypts what seal() made; throws when it was tampered with or sealed under another key. */
  open(sealed: string): string {
    if (!sealed.startsWith("v1:")) throw new Error("security: not a sealed value");
    const raw = Buffer.from(sealed.slice(3), "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  }
}

/**
 * The key from config, or the one in <data_dir>/secret.key, or a new one written there
 * (mode 0600) with a warning that it must be backed up with the database.
 */
export function loadEncryptionKey(configured: string, dataDir: string, warn: (m: string) => void): Buffer {
  if (configured) return Buffer.from(configured, "base64");
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600 });
  warn(
    `security.encryption_key is not set: generated a new key into ${file}. Back it up with the database; without it stored platform tokens cannot be read.`,
  );
  return key;
}
