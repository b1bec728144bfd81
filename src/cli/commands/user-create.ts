import { hashPassword, passwordProblem } from "../../auth/passwords";
import { createUser, findUserByEmail } from "../../users/store";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

/** True when `tz` is an IANA time zone this runtime knows. */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `user:create`: adds an account (admin with --admin) without the web setup page. */
export const userCreate: CliCommand = {
  name: "user:create",
  summary: "create a user (member, or admin with --admin)",
  usage: "--email E --password P [--name N] [--admin] [--timezone Europe/Berlin]",
  async run(argv, out) {
    const { flags } = parseFlags("user:create", argv, {
      email: { type: "string", required: true },
      password: { type: "string", required: true },
      name: { type: "string" },
      admin: { type: "boolean" },
      timezone: { type: "string" },
    });
    const email = flags.email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new CliError(`user:create: "${email}" is not an email address`, 2);
    const problem = passwordProblem(flags.password);
    if (problem) throw new CliError(`user:create: ${problem}`, 2);
    const timezone = flags.timezone ?? "UTC";
    if (!isTimeZone(timezone))
      throw new CliError(`user:create: unknown time zone "${timezone}" (use an IANA name such as Europe/Berlin)`, 2);
    const ctx = openCliContext(argv);
    try {
      if (findUserByEmail(ctx.db, email)) throw new CliError(`user:create: a user with the email ${email} already exists`, 1);
      const role = flags.admin ? "admin" : "member";
      const name = flags.name?.trim() || email.split("@")[0]!;
      const user = createUser(ctx.db, { email, name, passwordHash: await hashPassword(flags.password), role, timezone }, ctx.clock.now());
      out.print(`user:create: created ${role} #${user.id} ${user.email} (${user.name}, ${user.timezone})`);
    } finally {
      ctx.close();
    }
  },
};
