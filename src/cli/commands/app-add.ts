import { findUserByEmail } from "../../users/store";
import { addWebapp } from "../../webapps/add";
import { CliError, openCliContext, parseFlags, type CliCommand } from "../command";

/** `app:add`: adds a web app for a user from its URL, pre-filled from the page like the web form does. */
export const appAdd: CliCommand = {
  name: "app:add",
  summary: "add a web app for a user from its URL (details read from the page)",
  usage: "--email E --url URL [--name N] [--platforms youtube,tiktok,...]",
  async run(argv, out) {
    const { flags } = parseFlags("app:add", argv, {
      email: { type: "string", required: true },
      url: { type: "string", required: true },
      name: { type: "string" },
      platforms: { type: "string" },
    });
    // Runs refuse a web app with no platforms: say so here rather than at tonight's run.
    const platforms = (flags.platforms ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const ctx = openCliContext(argv);
    try {
      const user = findUserByEmail(ctx.db, flags.email);
      if (!user) throw new CliError(`app:add: no user with the email ${flags.email}; create one with user:create`, 1);
      const result = await addWebapp(ctx, user.id, { url: flags.url, name: flags.name, platforms });
      if (!result.ok) {
        // rules and duplicates are the caller's input; an unreachable or unusable page is a failure to do the job
        const exit = result.code === "invalid" || result.code === "duplicate" ? 2 : 1;
        throw new CliError(`app:add: ${flags.url}: ${result.message}`, exit);
      }
      const w = result.webapp;
      out.print(
        `app:add: added web app #${w.id} "${w.name}" (${w.url}) for ${user.email}, on ${w.platforms.join(", ") || "no platforms yet"}`,
      );
      if (w.platforms.length === 0)
        out.print("app:add: pick its platforms on the Web apps page (or add again with --platforms) before its first run");
    } finally {
      ctx.close();
    }
  },
};
