import { buildContext } from "../../server/boot";
import { ConfigError, describeConfigError, loadConfig } from "../../config/load";
import { sendPendingDigestNow } from "../../notify/digest";
import { findUserByEmail } from "../../users/store";

/** `digest:send --email E`: sends the user's pending digest now on their channels. Exit 0 ok, 1 failed, 2 bad input. */
export async function digestSendCommand(args: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const i = args.indexOf("--email");
  const email = i >= 0 ? args[i + 1] : undefined;
  if (!email) {
    console.error("digest:send: missing --email E (the user whose pending digest to send)");
    return 2;
  }
  let ctx;
  try {
    ctx = buildContext(loadConfig([...process.argv, ...args], env).config);
  } catch (e) {
    console.error(e instanceof ConfigError ? describeConfigError(e) : `digest:send: cannot start: ${e instanceof Error ? e.message : e}`);
    return e instanceof ConfigError ? 2 : 1;
  }
  try {
    const user = findUserByEmail(ctx.db, email);
    if (!user) {
      console.error(`digest:send: no user with the email ${email}; check the spelling or create the user with user:create`);
      return 2;
    }
    const out = await sendPendingDigestNow(ctx, user);
    if (out.batches === 0) {
      console.log(`digest:send: nothing waits for approval for ${user.email}; no digest sent`);
      return 0;
    }
    const sent = out.email + out.telegram + out.inapp;
    console.log(
      `digest:send: ${out.batches} batch(es) for ${user.email}: email ${out.email}, telegram ${out.telegram}, in-app ${out.inapp}`,
    );
    if (sent === 0) {
      console.error("digest:send: no channel delivered the digest; see the log lines above and the user's approval settings");
      return 1;
    }
    return 0;
  } finally {
    ctx.db.$client.close();
  }
}
