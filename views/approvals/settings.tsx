import type { User } from "../../src/auth/sessions";
import type { ApprovalSettings } from "../../src/approvals/store";
import { DIGEST_CHANNELS } from "../../src/model/digest-channels";
import { Page } from "../layout/page";

const CHANNEL_LABELS = { email: "Email", telegram: "Telegram", inapp: "In-app notification" } as const;

/** The Telegram part of the settings page: link with a one-time code, or unlink in one click. */
export function TelegramPanel(props: { settings: ApprovalSettings; csrf: string; botConfigured: boolean; code?: string }): JSX.Element {
  const s = props.settings;
  return (
    <fieldset id="telegram-panel">
      <legend>Telegram</legend>
      {!props.botConfigured ? (
        <p class="muted">No Telegram bot is configured on this box (telegram.bot_token). Ask the administrator to add one.</p>
      ) : s.telegramChatId ? (
        <form
          method="post"
          action="/approval/settings/telegram/unlink"
          hx-post="/approval/settings/telegram/unlink"
          hx-target="#telegram-panel"
          hx-swap="outerHTML"
          class="actions"
        >
          <input type="hidden" name="_csrf" value={props.csrf} />
          <span safe>{`Linked to the chat ${s.telegramUsername ? "@" + s.telegramUsername : s.telegramChatId}.`}</span>
          <button type="submit" class="danger">
            Unlink
          </button>
        </form>
      ) : (
        <form
          method="post"
          action="/approval/settings/telegram/code"
          hx-post="/approval/settings/telegram/code"
          hx-target="#telegram-panel"
          hx-swap="outerHTML"
          class="stack"
        >
          <input type="hidden" name="_csrf" value={props.csrf} />
          {props.code ? (
            <p>
              Send this code to the bot within 15 minutes:{" "}
              <strong class="secret" id="telegram-code" safe>
                {props.code}
              </strong>
            </p>
          ) : (
            <p class="muted">Not linked. Get a one-time code, then send it to the bot in Telegram.</p>
          )}
          <div class="actions">
            <button type="submit" class="secondary">
              {props.code ? "Get a new code" : "Get a linking code"}
            </button>
          </div>
        </form>
      )}
    </fieldset>
  );
}

/** The approval settings page: digest time, channels, link lifetime, what happens to unapproved items, Telegram. */
export function SettingsPage(props: {
  user: User;
  csrf: string;
  settings: ApprovalSettings;
  botConfigured: boolean;
  error?: string;
  saved?: boolean;
  code?: string;
}): JSX.Element {
  const s = props.settings;
  return (
    <Page title="Approval settings" user={props.user} csrf={props.csrf} active="approval">
      <>
        {props.error ? (
          <p class="notice notice-error" role="alert" safe>
            {props.error}
          </p>
        ) : (
          ""
        )}
        {props.saved ? (
          <p class="notice notice-ok" role="status">
            Saved.
          </p>
        ) : (
          ""
        )}
        <form method="post" action="/approval/settings" class="stack card">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <label>
            Daily digest time <span class="hint" safe>{`in your timezone (${props.user.timezone})`}</span>
            <input type="time" name="digestTime" value={s.digestTime} required />
          </label>
          <fieldset>
            <legend>Send the digest by</legend>
            <div class="checks">
              {DIGEST_CHANNELS.map((c) => (
                <label class="check">
                  <input type="checkbox" name="channels" value={c} checked={s.channels.includes(c) ? true : undefined} />
                  <span>{CHANNEL_LABELS[c]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            One-tap links work for (hours)
            <input type="number" name="linkLifetimeHours" min="1" max="168" value={String(s.linkLifetimeHours)} required />
          </label>
          <fieldset>
            <legend>Posts nobody approved</legend>
            <label class="check">
              <input type="radio" name="unapproved" value="expire" checked={s.unapproved === "expire" ? true : undefined} />
              Expire at the end of their day (nothing is posted)
            </label>
            <label class="check">
              <input type="radio" name="unapproved" value="auto_approve" checked={s.unapproved === "auto_approve" ? true : undefined} />
              Approve automatically after the hours below (full autonomy)
            </label>
            <label>
              Auto-approve after (hours)
              <input type="number" name="autoApproveHours" min="1" max="72" value={String(s.autoApproveHours)} />
            </label>
          </fieldset>
          <div class="actions">
            <button type="submit">Save settings</button>
          </div>
        </form>
        <TelegramPanel settings={s} csrf={props.csrf} botConfigured={props.botConfigured} code={props.code} />
      </>
    </Page>
  );
}
