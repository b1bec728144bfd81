import { Elysia } from "elysia";
import type { AppContext } from "../app/context";
import { DIGEST_CHANNELS, type DigestChannel } from "../model/digest-channels";
import { isHtmx, redirect } from "../http/guard";
import { sessionPlugin } from "../http/session";
import { SettingsPage, TelegramPanel } from "../../views/approvals/settings";
import { parseWholeNumber } from "../lib/decimal";
import { field, fields } from "./form";
import { generateLinkCode, hashLinkCode } from "./telegram-code";
import { getSettings, saveSettings, setTelegramCode, unlinkTelegramChat, type SettingsFields } from "./store";
import { parseHhMm } from "../lib/zoned-time";

const CODE_TTL_MS = 15 * 60_000;

function html(body: JSX.Element, status = 200): Response {
  return new Response(body as string, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** Checks the settings form; returns the fields to save or the reason they cannot be saved. */
export function parseSettingsForm(body: unknown): SettingsFields | { error: string } {
  const digestTime = field(body, "digestTime").slice(0, 5);
  if (parseHhMm(digestTime) === undefined) return { error: "The digest time must be a time such as 08:00." };
  const channels = fields(body, "channels").filter((c): c is DigestChannel => (DIGEST_CHANNELS as readonly string[]).includes(c));
  const linkLifetimeHours = parseWholeNumber(field(body, "linkLifetimeHours"));
  if (linkLifetimeHours === undefined || linkLifetimeHours < 1 || linkLifetimeHours > 168)
    return { error: "Links must work for 1 to 168 hours." };
  const unapproved = field(body, "unapproved") === "auto_approve" ? "auto_approve" : "expire";
  const autoApproveHours = parseWholeNumber(field(body, "autoApproveHours") || "6");
  if (autoApproveHours === undefined || autoApproveHours < 1 || autoApproveHours > 72)
    return { error: "Auto-approval must wait 1 to 72 hours." };
  return { digestTime, channels, linkLifetimeHours, unapproved, autoApproveHours };
}

/** The approval settings page (/approval/settings) with Telegram linking. */
export function settingsRoutes(ctx: AppContext) {
  const bot = () => ctx.config.telegram.bot_token !== "";
  return new Elysia()
    .use(sessionPlugin(ctx))
    .get("/approval/settings", ({ auth, query }) => {
      const a = auth!;
      const settings = getSettings(ctx.db, ctx.config, a.user.id, ctx.clock.now());
      return html(
        <SettingsPage user={a.user} csrf={a.session.csrfToken} settings={settings} botConfigured={bot()} saved={query.saved === "1"} />,
      );
    })
    .post("/approval/settings", ({ auth, body, request }) => {
      const a = auth!;
      const now = ctx.clock.now();
      const parsed = parseSettingsForm(body);
      if ("error" in parsed)
        return html(
          <SettingsPage
            user={a.user}
            csrf={a.session.csrfToken}
            settings={getSettings(ctx.db, ctx.config, a.user.id, now)}
            botConfigured={bot()}
            error={parsed.error}
          />,
          422,
        );
      saveSettings(ctx.db, ctx.config, a.user.id, parsed, now);
      return redirect(request, "/approval/settings?saved=1");
    })
    .post("/approval/settings/telegram/code", ({ auth, request }) => {
      const a = auth!;
      const now = ctx.clock.now();
      const code = generateLinkCode();
      setTelegramCode(ctx.db, ctx.config, a.user.id, hashLinkCode(code), new Date(now.getTime() + CODE_TTL_MS), now);
      const settings = getSettings(ctx.db, ctx.config, a.user.id, now);
      if (isHtmx(request)) return html(<TelegramPanel settings={settings} csrf={a.session.csrfToken} botConfigured={bot()} code={code} />);
      return html(<SettingsPage user={a.user} csrf={a.session.csrfToken} settings={settings} botConfigured={bot()} code={code} />);
    })
    .post("/approval/settings/telegram/unlink", ({ auth, request }) => {
      const a = auth!;
      const now = ctx.clock.now();
      unlinkTelegramChat(ctx.db, a.user.id, now);
      if (!isHtmx(request)) return redirect(request, "/approval/settings");
      return html(
        <TelegramPanel settings={getSettings(ctx.db, ctx.config, a.user.id, now)} csrf={a.session.csrfToken} botConfigured={bot()} />,
      );
    });
}
