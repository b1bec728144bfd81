// The one-time code that links a Telegram chat to an account: made on the approval settings page, checked by the bot.
import { hashToken } from "../security/tokens";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A fresh 8-character linking code (no look-alike characters). */
export function generateLinkCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** The stored form of a linking code (codes are compared case-insensitively). */
export function hashLinkCode(code: string): string {
  return hashToken(code.trim().toUpperCase());
}
