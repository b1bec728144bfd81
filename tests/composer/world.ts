import { createApp } from "../../src/server/app";
import { createAdapters } from "../../src/publishing/adapters";
import { FakeLinkedIn } from "../fakes/linkedin";
import { FakeX } from "../fakes/x";
import { makeTestContext } from "../support/context";
import { makeUser, makeWebapp, signIn } from "../support/content-factories";
import { makeConnection, publishQueue } from "../support/publishing-factories";

/** A signed-in user with a web app and X and LinkedIn connected to their fakes, the app, and the publish queue. */
export function composerWorld(env: Record<string, string> = {}) {
  const x = new FakeX({ processingMs: 0, checkAfterSecs: 1 }).start();
  const linkedin = new FakeLinkedIn({ processingMs: 0 }).start();
  const ctx = makeTestContext({ ...x.env(), ...linkedin.env(), ...env });
  const app = createApp(ctx);
  const user = makeUser(ctx, { timezone: "Europe/Berlin" });
  const webapp = makeWebapp(ctx, user.id, "Acme Notes");
  const xt = x.issueTokens();
  makeConnection(ctx, user.id, "x", {
    accessToken: xt.accessToken,
    refreshToken: xt.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + xt.expiresIn * 1000),
    accountId: x.user.id,
    extra: { username: x.user.username },
  });
  const lt = linkedin.issueTokens();
  makeConnection(ctx, user.id, "linkedin", {
    accessToken: lt.accessToken,
    refreshToken: lt.refreshToken,
    expiresAt: new Date(ctx.clock.now().getTime() + lt.expiresIn * 1000),
    accountId: linkedin.member.sub,
    extra: { author: `urn:li:person:${linkedin.member.sub}` },
  });
  const deps = { adapters: createAdapters(ctx, { sleep: (ms: number) => Bun.sleep(ms / 100) }), random: () => 0.5 };
  return {
    ctx,
    app,
    user,
    webapp,
    x,
    linkedin,
    session: signIn(ctx, user.id),
    ...publishQueue(ctx, deps),
    close() {
      x.stop();
      linkedin.stop();
      ctx.cleanup();
    },
  };
}
