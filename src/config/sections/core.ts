import { bool, int, oneOf, str, url } from "../option";

/** HTTP server settings. */
export const server = {
  host: str({ default: "0.0.0.0", doc: "Address to listen on." }),
  port: int({ default: 3000, min: 1, max: 65535, doc: "Port to listen on.", env: ["PORT"] }),
  public_base_url: url({
    default: "http://localhost:3000",
    doc: "The address people and platforms reach this box at. Emailed links are built from it, never from the request's Host header.",
  }),
  log_level: oneOf({ default: "info", values: ["debug", "info", "warn", "error"] as const, doc: "Least severe log level printed." }),
};

/** Accounts, sessions and one-time links. */
export const auth = {
  session_days: int({ default: 30, min: 1, max: 365, doc: "A session expires after this many days without use (sliding)." }),
  login_max_failures: int({
    default: 5,
    min: 1,
    max: 100,
    doc: "Failed logins allowed per account from one address within the window; 4 times this from all addresses blocks the account (reset stays open).",
  }),
  login_window_minutes: int({ default: 15, min: 1, max: 1440, doc: "Window for counting failed logins; the block lifts when it passes." }),
  reset_link_minutes: int({ default: 60, min: 5, max: 1440, doc: "How long a password reset link works." }),
  invite_link_days: int({ default: 7, min: 1, max: 60, doc: "How long an invitation link works." }),
  signup: oneOf({
    default: "invite",
    values: ["open", "invite", "closed"] as const,
    doc: "Who may make an account: open (anyone, at /signup, in operator mode), invite (by invitation only) or closed (no new accounts).",
  }),
};

/** Outgoing mail. With no host, messages are written as .eml files to <data_dir>/outbox. */
export const smtp = {
  host: str({ default: "", doc: "SMTP server host; empty writes mail to the outbox folder instead." }),
  port: int({ default: 587, min: 1, max: 65535, doc: "SMTP server port." }),
  secure: bool({ default: false, doc: "Use TLS from the start (port 465); otherwise STARTTLS when offered." }),
  user: str({ default: "", doc: "SMTP user name." }),
  password: str({ default: "", secret: true, doc: "SMTP password (or AMARKTAI_SMTP_PASSWORD_FILE)." }),
  from: str({ default: "Amarktai Marketing <amarktai@localhost>", doc: "Sender address." }),
};

/** Fetching users' web pages. */
export const fetch = {
  allow_private_networks: bool({
    default: false,
    doc: "Allow fetching private, loopback and link-local addresses (tests and LAN-only apps).",
  }),
  timeout_ms: int({ default: 10000, min: 500, max: 120000, doc: "Time limit for one page fetch." }),
  max_bytes: int({ default: 5_000_000, min: 10_000, max: 100_000_000, doc: "Largest page body read." }),
  user_agent: str({ default: "AmarktaiBot/0.1 (+self-hosted marketing appliance)", doc: "User-Agent sent when fetching pages." }),
};

/** Secrets at rest. */
export const security = {
  encryption_key: str({
    default: "",
    secret: true,
    pattern: /^[A-Za-z0-9+/]{43}=$/,
    hint: "32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`",
    doc: "AES-256-GCM key for OAuth tokens and API secrets; generated into <data_dir>/secret.key on first start if empty.",
  }),
};
