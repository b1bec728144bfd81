import { join } from "node:path";
import { escapeHtml } from "@kitajs/html";
import type { AppContext } from "../app/context";
import type { MailMessage, MailOutcome } from "../notify/mail";
import { productName } from "../operator/brand";

/** A link to a path on this box, always built from config server.public_base_url (never from the Host header). */
export function publicUrl(ctx: AppContext, path: string): string {
  return ctx.config.server.public_base_url + path;
}

/** The folder where mail is written when no SMTP server is configured. */
export function outboxDir(ctx: AppContext): string {
  return join(ctx.config.storage.data_dir, "outbox");
}

/** What the UI says about where a message went. */
export function describeMailOutcome(outcome: MailOutcome, to: string): string {
  if (outcome.via === "smtp") return `An email was sent to ${to}.`;
  return `No mail server is configured; the message to ${to} was saved to ${outcome.path} on the server.`;
}

function layout(title: string, intro: string, button: string, url: string, outro: string): string {
  const e = escapeHtml;
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1b1f2a">
<h2 style="margin:0 0 1rem">${e(title)}</h2>
<p>${e(intro)}</p>
<p><a href="${e(url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:.6rem 1rem;border-radius:8px;text-decoration:none;font-weight:600">${e(button)}</a></p>
<p style="color:#5b6475;font-size:.9rem">Or paste this address into your browser:<br>${e(url)}</p>
<p style="color:#5b6475;font-size:.9rem">${e(outro)}</p>
</body></html>`;
}

/** The password reset email with its one-time link. */
export function resetMessage(ctx: AppContext, to: string, name: string, token: string): MailMessage {
  const url = publicUrl(ctx, `/reset/${token}`);
  const minutes = ctx.config.auth.reset_link_minutes;
  const service = productName(ctx.config);
  const intro = `Hello ${name}, someone (hopefully you) asked to reset the password of your ${service} account.`;
  const outro = `The link works once, for ${minutes} minutes. If you did not ask for this, ignore this email: your password stays as it is.`;
  return {
    to,
    subject: `Reset your ${service} password`,
    text: `${intro}\n\nChoose a new password here:\n${url}\n\n${outro}\n`,
    html: layout("Reset your password", intro, "Choose a new password", url, outro),
  };
}

/** The invitation email with its one-time link. */
export function inviteMessage(ctx: AppContext, to: string, inviter: string, token: string): MailMessage {
  const url = publicUrl(ctx, `/invite/${token}`);
  const days = ctx.config.auth.invite_link_days;
  const service = productName(ctx.config);
  const intro = `${inviter} invited you to ${service}, the service that markets their web apps.`;
  const outro = `The link works once, for ${days} day${days === 1 ? "" : "s"}. If you were not expecting this, ignore this email.`;
  return {
    to,
    subject: `${inviter} invited you to ${service}`,
    text: `${intro}\n\nCreate your account here:\n${url}\n\n${outro}\n`,
    html: layout("You are invited", intro, "Create your account", url, outro),
  };
}

/** The sign-up confirmation email with its one-time link (operator mode). */
export function signupMessage(ctx: AppContext, to: string, name: string, token: string): MailMessage {
  const service = productName(ctx.config);
  const url = publicUrl(ctx, `/signup/${token}`);
  const minutes = ctx.config.auth.reset_link_minutes;
  const intro = `Hello ${name}, confirm your email address to create your ${service} account.`;
  const outro = `The link works once, for ${minutes} minutes. If you did not sign up, ignore this email: no account is made.`;
  return {
    to,
    subject: `Confirm your email for ${service}`,
    text: `${intro}\n\nConfirm here:\n${url}\n\n${outro}\n`,
    html: layout("Confirm your email", intro, "Confirm my email", url, outro),
  };
}

/** Sent instead of a confirmation when the address already has an account: the form never tells a stranger that. */
export function accountExistsMessage(ctx: AppContext, to: string): MailMessage {
  const service = productName(ctx.config);
  const url = publicUrl(ctx, "/login");
  const intro = `Someone (hopefully you) tried to sign up for ${service} with this address, which already has an account.`;
  const outro = "If you forgot your password, use “Forgot your password?” on the sign-in page. No new account was made.";
  return {
    to,
    subject: `You already have a ${service} account`,
    text: `${intro}\n\nSign in here:\n${url}\n\n${outro}\n`,
    html: layout("You already have an account", intro, "Sign in", url, outro),
  };
}
