import { createApiToken } from "../../api/tokens";
import { findUserByEmail } from "../../users/store";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

/** `token:create`: makes a personal API token for a user and prints it once (only its hash is stored). */
export const tokenCreate: CliCommand = {
  name: "token:create",
  summary: "create a personal API token for a user; printed once, stored hashed",
  usage: "--email E [--name N]",
  run(argv, out) {
    const { flags } = parseFlags("token:create", argv, { email: { type: "string", required: true }, name: { type: "string" } });
    const ctx = openCliContext(argv);
    try {
      const user = findUserByEmail(ctx.db, flags.email);
      if (!user) throw new CliError(`token:create: no user with the email ${flags.email}; create one with user:create`, 1);
      const { token } = createApiToken(ctx.db, user.id, flags.name ?? "CLI token", ctx.clock.now());
      out.print(token);
    } finally {
      ctx.close();
    }
  },
};
