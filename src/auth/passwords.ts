/** Hashes a password with argon2id (19 MiB, t=2: OWASP's minimum), through Bun.password. */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id", memoryCost: 19456, timeCost: 2 });
}

/** Checks a password against its stored hash. */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash);
}

/** The password rule, as a message for a person, or undefined when the password is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return "Use at least 10 characters for the password.";
  if (password.length > 200) return "Use at most 200 characters for the password.";
  return undefined;
}
