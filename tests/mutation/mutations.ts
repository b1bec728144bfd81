/**
 * One planted bug: `find` is a code snippet that must occur exactly once in src/ (compared with runs of
 * whitespace made equal, so reformatting does not lose it; the file is not named, so moves do not either);
 * it is replaced by `replace`, and at least one test in `tests` (globs from the repository root) must fail.
 */
export interface Mutation {
  name: string;
  find: string;
  replace: string;
  tests: string[];
}

/** The guards whose tests must catch a one-line bug: the bugs an outside spot-check planted, and the kinds it found caught. */
export const MUTATIONS: Mutation[] = [
  {
    name: "sessions never expire (the expiry check removed)",
    find: "if (session.expiresAt.getTime() <= now.getTime()) {",
    replace: "if (false) {",
    tests: ["tests/auth/sessions.test.ts", "tests/auth/setup-login.test.ts"],
  },
  {
    name: "claims check: the banned-phrase rule switched off",
    find: 'else problems.push({ kind: t.kind, reason: `"${t.term}"`, invented: true });',
    replace: "else void t;",
    tests: ["tests/agents/creative/*.test.ts"],
  },
  {
    name: "claims check: the made-up-quote rule switched off",
    find: 'else problems.push({ kind: "testimonial", reason: `the quote "${q}"`, invented: true });',
    replace: "else void q;",
    tests: ["tests/agents/creative/*.test.ts"],
  },
  {
    name: "claims check: the number rule switched off",
    find: 'else problems.push({ kind: "number", reason: `the number ${n.raw}`, invented: true });',
    replace: "else void n;",
    tests: ["tests/agents/creative/*.test.ts"],
  },
  {
    name: "the per-minute cap allows one more post",
    find: "if (minute.n + busy >= caps.perMinute) {",
    replace: "if (minute.n + busy > caps.perMinute) {",
    tests: ["tests/publishing/limits.test.ts"],
  },
  {
    name: "one-time link: the guarded update without its 'not used yet' condition",
    find: "and(eq(oneTimeLinks.id, peek.link.id), isNull(oneTimeLinks.usedAt),",
    replace: "and(eq(oneTimeLinks.id, peek.link.id),",
    tests: ["tests/approvals/links.test.ts"],
  },
  {
    name: "Instagram: a Reel container in EXPIRED is not recognised",
    find: `if (st.status_code === "EXPIRED")
        throw new PlatformError("transient", "the Instagram container expired before publishing; it will be made again");
      if (Date.now() > deadline) throw new PlatformError("transient", "Instagram is still processing the video`,
    replace: `if (st.status_code === "EXPIRED!")
        throw new PlatformError("transient", "the Instagram container expired before publishing; it will be made again");
      if (Date.now() > deadline) throw new PlatformError("transient", "Instagram is still processing the video`,
    tests: ["tests/platforms/instagram.test.ts"],
  },
  {
    name: "X's weighted length: a URL counts 22 instead of 23",
    find: "const X_URL_WEIGHT = 23;",
    replace: "const X_URL_WEIGHT = 22;",
    tests: ["tests/platforms/weighted-length.test.ts", "tests/platforms/x.test.ts"],
  },
  {
    name: "SSRF address check: only 127.0.0.0 itself is loopback",
    find: '[v4("127.0.0.0"), 8, "this machine (loopback)"]',
    replace: '[v4("127.0.0.0"), 32, "this machine (loopback)"]',
    tests: ["tests/net/*.test.ts"],
  },
  {
    name: "CSRF check: any token string is accepted",
    find: 'if (typeof sent !== "string" || sent !== auth.session.csrfToken)',
    replace: 'if (typeof sent !== "string")',
    tests: ["tests/auth/csrf.test.ts"],
  },
  {
    name: "login throttle: one more failure allowed than the limit",
    find: "if (times.length < limit) continue;",
    replace: "if (times.length <= limit) continue;",
    tests: ["tests/auth/throttle.test.ts"],
  },
  {
    name: "safeNext: any string is followed after sign-in",
    find: String.raw`if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback;`,
    replace: 'if (typeof next === "string") return next;',
    tests: ["tests/auth/next.test.ts", "tests/auth/setup-login.test.ts"],
  },
  {
    name: "cross-user ownership: an item is found by id alone",
    find: `export function findItemForUser(db: Db, userId: number, itemId: number): ContentItem | undefined {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId), eq(contentItems.userId, userId)))`,
    replace: `export function findItemForUser(db: Db, userId: number, itemId: number): ContentItem | undefined {
  return db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.id, itemId)))`,
    tests: ["tests/approvals/actions.test.ts", "tests/approvals/routes.test.ts", "tests/approvals/api.test.ts"],
  },
  {
    name: "approval state guard: the expected 'from' states are ignored",
    find: "(s) => TRANSITIONS[s].includes(to) && (!opts.from || opts.from.includes(s)),",
    replace: "(s) => TRANSITIONS[s].includes(to),",
    tests: ["tests/approvals/state.test.ts", "tests/approvals/actions.test.ts"],
  },
  {
    name: "publish journal: a create already sent is treated as not sent (posts twice)",
    find: 'return PHASE_ORDER.indexOf(phase as PublishPhase) >= PHASE_ORDER.indexOf("create_sent");',
    replace: 'return PHASE_ORDER.indexOf(phase as PublishPhase) > PHASE_ORDER.indexOf("create_sent");',
    tests: ["tests/publishing/crash.test.ts", "tests/publishing/commits.test.ts"],
  },
  {
    name: "signed media URLs never expire",
    find: 'if (e < ctx.clock.now().getTime()) return "link expired";',
    replace: "",
    tests: ["tests/media/routes.test.ts"],
  },
  {
    name: "API tokens: the token hash is not compared",
    find: ".where(eq(apiTokens.tokenHash, tokenHash))",
    replace: ".where(eq(apiTokens.tokenHash, apiTokens.tokenHash))",
    tests: ["tests/api/*.test.ts"],
  },
];
