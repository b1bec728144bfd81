import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type StreamTransport from "nodemailer/lib/stream-transport";
import type { Config } from "../config/schema";
import { onFirstUse } from "../lib/first-use";
import { senderAddress } from "../operator/brand";

/** One email: both an HTML and a plain-text body. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with the message (the report PDF). */
  attachments?: MailAttachment[];
}

/** A file attached to an email. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** Where a message went: to the SMTP server, or written to the outbox folder (no SMTP configured). */
export type MailOutcome = { via: "smtp"; messageId: string } | { via: "outbox"; path: string };

/** Sends mail through nodemailer SMTP, or writes .eml files to <data_dir>/outbox when no SMTP host is set. */
export interface Mailer {
  send(msg: MailMessage): Promise<MailOutcome>;
  /** True when mail really leaves the box (the UI says so when it does not). */
  readonly delivers: boolean;
}

// nodemailer (~6 MB of RSS) is loaded when the first message is sent, not at start.
let nodemailer: Promise<typeof import("nodemailer")> | undefined;
const loadNodemailer = () => (nodemailer ??= import("nodemailer").then((m) => (m.default ?? m) as typeof import("nodemailer")));

/** Builds the mailer from config. */
export function createMailer(config: Config): Mailer {
  const from = senderAddress(config);
  if (!config.smtp.host) {
    const outbox = join(config.storage.data_dir, "outbox");
    const builder = onFirstUse(
      async () =>
        (await loadNodemailer()).createTransport({
          streamTransport: true,
          buffer: true,
          newline: "unix",
        }) as Transporter<StreamTransport.SentMessageInfo>,
    );
    return {
      delivers: false,
      async send(msg) {
        const info = await (await builder()).sendMail({ from, ...msg });
        mkdirSync(outbox, { recursive: true });
        const safeTo = msg.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
        const path = join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}-${safeTo}.eml`);
        writeFileSync(path, info.message as Buffer);
        return { via: "outbox", path };
      },
    };
  }
  const transport = onFirstUse(
    async () =>
      (await loadNodemailer()).createTransport({
        host: config.smtp.host,
        port: config.smtp.port,
        secure: config.smtp.secure,
        auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.password } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }) as Transporter<SMTPTransport.SentMessageInfo>,
  );
  return {
    delivers: true,
    async send(msg) {
      try {
        const info = await (await transport()).sendMail({ from, ...msg });
        return { via: "smtp", messageId: info.messageId };
      } catch (e) {
        throw new Error(`mail: cannot send "${msg.subject}" to ${msg.to}: ${e instanceof Error ? e.message : e}`);
      }
    },
  };
}
