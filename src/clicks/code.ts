const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const LENGTH = 10;

/** A new short-link code: 10 base62 characters from the crypto random source (about 59 bits), unbiased. */
export function newShortCode(): string {
  let code = "";
  while (code.length < LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    for (const b of bytes) {
      // 248 = 4 * 62: bytes at or above it would favour the first characters, so they are skipped.
      if (b < 248 && code.length < LENGTH) code += ALPHABET[b % 62];
    }
  }
  return code;
}

/** True when the text has the shape of a short-link code (checked before any lookup). */
export function isShortCode(text: string): boolean {
  return /^[0-9A-Za-z]{1,10}$/.test(text);
}
