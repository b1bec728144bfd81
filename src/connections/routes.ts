import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { PLATFORM_IDS, type PlatformId } from "../platforms/ids";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin, type Auth } from "../http/session";
import { connectionFor, deleteConnection, getConnectionRow, listConnections, selectConnection } from "../publishing/connections";
import { exportBundle, markPostedByHand, ownItem, retryItem } from "../publishing/manual";
import { ConnectError, finishConnect, oauthProviders, startConnect } from "./oauth";
import { PlatformCard, PlatformsPage } from "../../views/platforms/page";
import { platformOverview, platformsOverview } from "./overview";
import { saveCredentials, testCredentials } from "./credentials";
import { platformGuide } from "./guides";
import { GuidePage } from "../../views/platforms/guide";
import { PLATFORM_RULES } from "../platforms/rules";
import { PlatformError } from "../platforms/types";

type Notice = { kind: "ok" | "error"; text: string };

const NOTICES: Record<string, Notice> = {
  disconnected: { kind: "ok", text: "The account was disconnected. Its tokens were deleted from this box." },
  retried: { kind: "ok", text: "The post is queued again and will be published in a moment." },
  posted: { kind: "ok", text: "Marked as posted." },
  selected: { kind: "ok", text: "Posts on that platform now go out as the account you chose." },
  credentials: { kind: "ok", text: "The app credentials are saved (the secret sealed). Press Test to check them, then Connect." },
};

function page(ctx: AppContext, auth: NonNullable<Auth>, notice?: Notice) {
  const { platforms, attention } = platformsOverview(ctx, auth.user);
  return PlatformsPage({ user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread, platforms, attention, notice });
}

// Right after a login that offered several accounts (Facebook Pages and Instagram accounts, LinkedIn Pages)
// the user is asked, on the page they land on, which one posts.
function connectedNotice(ctx: AppContext, userId: number, platform: PlatformId): Notice {
  const label = PLATFORM_RULES[platform].label;
  const accounts = listConnections(ctx, userId).filter((c) => c.platform === platform);
  if (accounts.length < 2) return { kind: "ok", text: `${label} is connected.` };
  const posting = connectionFor(ctx, userId, platform)?.accountName || "the first account";
  return {
    kind: "ok",
    text: `${label} is connected with ${accounts.length} accounts. Posts go to ${posting}; to post as another one, choose "Post as this account" on it below.`,
  };
}

// App credentials are the box's, not a user's: only admins see or change them (members get 403 with the reason).
function adminOnly(set: { status?: number | string }) {
  set.status = 403;
  return "Only an administrator of this box can change or test platform app credentials.";
}

const actor = (auth: NonNullable<Auth>) => ({ userId: auth.user.id, channel: "web" as const });
const isPlatform = (p: string): p is PlatformId => (PLATFORM_IDS as readonly string[]).includes(p);

/** /platforms: connection cards, OAuth connect/callback/disconnect, retry, mark as posted, export bundle. */
export function platformRoutes(ctx: AppContext) {
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/platforms", ({ auth, query, set }) => {
      if (!auth) return;
      set.headers["content-type"] = "text/html; charset=utf-8";
      const q = query as Record<string, string | undefined>;
      const connected = q.connected && isPlatform(q.connected) ? connectedNotice(ctx, auth.user.id, q.connected) : undefined;
      return page(ctx, auth, connected ?? NOTICES[q.done ?? ""]);
    })
    .post("/platforms/:platform/connect", ({ auth, params, set }) => {
      if (!auth) return;
      const provider = isPlatform(params.platform) ? oauthProviders(ctx)[params.platform] : undefined;
      set.headers["content-type"] = "text/html; charset=utf-8";
      if (!provider) {
        set.status = 404;
        return page(ctx, auth, { kind: "error", text: "That platform cannot be connected in this version." });
      }
      if (provider.missingConfig()) {
        set.status = 409;
        return page(ctx, auth, {
          kind: "error",
          text: `${PLATFORM_RULES[provider.platform].label} has no app credentials configured; see its card for what to add.`,
        });
      }
      const url = startConnect(ctx, provider, auth.user.id);
      // A full-page redirect to the platform (htmx must not follow it into a fragment).
      return new Response(null, { status: 303, headers: { location: url } });
    })
    .get("/platforms/:platform/callback", async ({ auth, params, query, set }) => {
      if (!auth) return;
      set.headers["content-type"] = "text/html; charset=utf-8";
      const provider = isPlatform(params.platform) ? oauthProviders(ctx)[params.platform] : undefined;
      if (!provider) {
        set.status = 404;
        return page(ctx, auth, { kind: "error", text: "That platform cannot be connected in this version." });
      }
      try {
        await finishConnect(ctx, provider, auth.user.id, query as Record<string, string>);
      } catch (e) {
        const why =
          e instanceof ConnectError
            ? e.message
            : e instanceof PlatformError
              ? `${PLATFORM_RULES[provider.platform].label} answered: ${e.message}. Nothing was connected; please try again.`
              : "Connecting failed unexpectedly; nothing was connected. Please try again.";
        if (!(e instanceof ConnectError))
          ctx.log.warn(`platforms: connect ${provider.platform} for user #${auth.user.id} failed: ${e instanceof Error ? e.message : e}`);
        set.status = 400;
        return page(ctx, auth, { kind: "error", text: why });
      }
      return new Response(null, { status: 303, headers: { location: `/platforms?connected=${provider.platform}` } });
    })
    .post("/platforms/:platform/credentials", ({ auth, params, body, request, set }) => {
      if (!auth) return;
      if (!isPlatform(params.platform) || auth.user.role !== "admin") return adminOnly(set);
      const form = Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? "")]));
      const error = saveCredentials(ctx, params.platform, form, auth.user.id);
      if (!error && !isHtmx(request)) return redirect(request, `/platforms?done=credentials#platform-${params.platform}`);
      set.headers["content-type"] = "text/html; charset=utf-8";
      if (error) set.status = 422;
      if (!isHtmx(request)) return page(ctx, auth, { kind: "error", text: error! });
      const saved = error ? undefined : NOTICES.credentials!.text;
      return PlatformCard({ p: { ...platformOverview(ctx, auth.user, params.platform), saved }, csrf: auth.session.csrfToken, error });
    })
    .post("/platforms/:platform/credentials/test", async ({ auth, params, request, set }) => {
      if (!auth) return;
      if (!isPlatform(params.platform) || auth.user.role !== "admin") return adminOnly(set);
      const check = await testCredentials(ctx, params.platform);
      set.headers["content-type"] = "text/html; charset=utf-8";
      if (!isHtmx(request)) return page(ctx, auth, { kind: check.outcome === "failed" ? "error" : "ok", text: check.text });
      return PlatformCard({ p: { ...platformOverview(ctx, auth.user, params.platform), check }, csrf: auth.session.csrfToken });
    })
    .get("/platforms/:platform/guide", ({ auth, params, set }) => {
      if (!auth) return;
      const guide = platformGuide(params.platform);
      set.headers["content-type"] = "text/html; charset=utf-8";
      if (!guide) {
        set.status = 404;
        return page(ctx, auth, { kind: "error", text: "There is no guide for that platform." });
      }
      return GuidePage({ user: auth.user, csrf: auth.session.csrfToken, unread: auth.unread, ...guide });
    })
    .post("/platforms/connections/:id/disconnect", ({ auth, params, request, set }) => {
      if (!auth) return;
      if (!deleteConnection(ctx, auth.user.id, Number(params.id))) {
        set.status = 404;
        return "not found";
      }
      return redirect(request, "/platforms?done=disconnected");
    })
    .post("/platforms/connections/:id/select", ({ auth, params, request, set }) => {
      if (!auth) return;
      const id = Number(params.id);
      if (!selectConnection(ctx, auth.user.id, id, ctx.clock.now())) {
        set.status = 404;
        return "not found";
      }
      if (!isHtmx(request)) return redirect(request, "/platforms?done=selected");
      const platform = getConnectionRow(ctx, id)!.platform as PlatformId;
      set.headers["content-type"] = "text/html; charset=utf-8";
      return PlatformCard({ p: platformOverview(ctx, auth.user, platform), csrf: auth.session.csrfToken });
    })
    .post("/platforms/items/:id/retry", ({ auth, params, request, set }) => {
      if (!auth) return;
      if (!ownItem(ctx, auth.user.id, Number(params.id))) {
        set.status = 404;
        return "not found";
      }
      const r = retryItem(ctx, actor(auth), Number(params.id));
      if ("error" in r) {
        set.status = 409;
        set.headers["content-type"] = "text/html; charset=utf-8";
        return page(ctx, auth, { kind: "error", text: r.error });
      }
      return redirect(request, "/platforms?done=retried");
    })
    .post("/platforms/items/:id/posted", ({ auth, params, body, request, set }) => {
      if (!auth) return;
      if (!ownItem(ctx, auth.user.id, Number(params.id))) {
        set.status = 404;
        return "not found";
      }
      const url = String((body as Record<string, unknown> | undefined)?.url ?? "");
      const r = markPostedByHand(ctx, actor(auth), Number(params.id), url);
      if ("error" in r) {
        set.status = 400;
        set.headers["content-type"] = "text/html; charset=utf-8";
        return page(ctx, auth, { kind: "error", text: r.error });
      }
      return redirect(request, "/platforms?done=posted");
    })
    .get("/platforms/items/:id/export", async ({ auth, params, set }) => {
      if (!auth) return;
      const item = ownItem(ctx, auth.user.id, Number(params.id));
      if (!item) {
        set.status = 404;
        return "not found";
      }
      const { filename, zip } = await exportBundle(ctx, item);
      return new Response(Buffer.from(zip), {
        headers: {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="${filename}"`,
          "cache-control": "no-store",
        },
      });
    });
}
