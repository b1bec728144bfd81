import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config/schema";

/** One email: both an HTML and a plain-text body. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where a message went: to the SMTP server, or written to the outbox folder (no SMTP configured). */
export type MailOutcome = { via: "smtp"; messageId: string } | { via: "outbox"; path: string };

/** Sends mail through nodemailer SMTP, or writes .eml files to <data_dir>/outbox when no SMTP host is set. */
export interface Mailer {
  send(msg: MailMessage): Promise<MailOutcome>;
  /** True when mail really leaves the box (the UI says so when it does not). */
  readonly delivers: boolean;
}

/** Builds the mailer from config. */
export function createMailer(config: Config): Mailer {
  const from = config.smtp.from;
  if (!config.smtp.host) {
    const outbox = join(config.storage.data_dir, "outbox");
    const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
    return {
      delivers: false,
      async send(msg) {
        const info = await builder.sendMail({ from, ...msg });
        mkdirSync(outbox, { recursive: true });
        const safeTo = msg.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
        const path = join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomUUID().slice(0, 8)}-${safeTo}.eml`);
        writeFileSync(path, info.message as Buffer);
        return { via: "outbox", path };
      },
    };
  }
  const transport = nodemailer.createTransport({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    auth: config.smtp.user ? { user: config.smtp.user, pass: config.smtp.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    delivers: true,
    async send(msg) {
      try {
        const info = await transport.sendMail({ from, ...msg });
        return { via: "smtp", messageId: info.messageId };
      } catch (e) {
        throw new Error(`mail: cannot send "${msg.subject}" to ${msg.to}: ${e instanceof Error ? e.message : e}`);
      }
    },
  };
}
