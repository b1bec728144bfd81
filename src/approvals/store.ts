import { eq } from "drizzle-orm";
import type { Config } from "../config/schema";
import type { Db } from "../db/client";
import { approvalSettings } from "../db/schema/approvals";

/** A user's approval settings row. */
export type ApprovalSettings = typeof approvalSettings.$inferSelect;
/** The fields a user edits on the settings page. */
export type SettingsFields = Pick<ApprovalSettings, "digestTime" | "channels" | "linkLifetimeHours" | "unapproved" | "autoApproveHours">;

/** The defaults a user has before saving settings, from config. */
export function defaultSettings(config: Config, userId: number, now: Date): ApprovalSettings {
  return {
    userId,
    digestTime: config.approval.digest_time,
    channels: ["email", "inapp"],
    linkLifetimeHours: config.approval.link_lifetime_hours,
    unapproved: "expire",
    autoApproveHours: config.approval.auto_approve_hours,
    telegramChatId: null,
    telegramUsername: null,
    telegramCodeHash: null,
    telegramCodeExpiresAt: null,
    updatedAt: now,
  };
}

/** A user's settings, or the defaults when never saved. */
export function getSettings(db: Db, config: Config, userId: number, now: Date): ApprovalSettings {
  return db.select().from(approvalSettings).where(eq(approvalSettings.userId, userId)).get() ?? defaultSettings(config, userId, now);
}

function upsert(db: Db, config: Config, userId: number, set: Partial<ApprovalSettings>, now: Date): void {
  const base = defaultSettings(config, userId, now);
  db.insert(approvalSettings)
    .values({ ...base, ...set, userId, updatedAt: now })
    .onConflictDoUpdate({ target: approvalSettings.userId, set: { ...set, updatedAt: now } })
    .run();
}

/** Saves the fields of the settings page. */
export function saveSettings(db: Db, config: Config, userId: number, fields: SettingsFields, now: Date): void {
  upsert(db, config, userId, fields, now);
}

/** Stores the hash of a fresh Telegram linking code (replacing any earlier one). */
export function setTelegramCode(db: Db, config: Config, userId: number, codeHash: string, expiresAt: Date, now: Date): void {
  upsert(db, config, userId, { telegramCodeHash: codeHash, telegramCodeExpiresAt: expiresAt }, now);
}

/** The settings row holding this (unexpired) linking code hash. */
export function findByTelegramCode(db: Db, codeHash: string, now: Date): ApprovalSettings | undefined {
  const row = db.select().from(approvalSettings).where(eq(approvalSettings.telegramCodeHash, codeHash)).get();
  return row && row.telegramCodeExpiresAt && row.telegramCodeExpiresAt.getTime() > now.getTime() ? row : undefined;
}

/** Links a chat to a user and burns the code, so it cannot link a second chat. */
export function linkTelegramChat(db: Db, userId: number, chatId: string, username: string | null, now: Date): void {
  db.update(approvalSettings)
    .set({ telegramChatId: chatId, telegramUsername: username, telegramCodeHash: null, telegramCodeExpiresAt: null, updatedAt: now })
    .where(eq(approvalSettings.userId, userId))
    .run();
}

/** Forgets the user's linked chat. */
export function unlinkTelegramChat(db: Db, userId: number, now: Date): void {
  db.update(approvalSettings)
    .set({ telegramChatId: null, telegramUsername: null, telegramCodeHash: null, telegramCodeExpiresAt: null, updatedAt: now })
    .where(eq(approvalSettings.userId, userId))
    .run();
}

/** The settings row of the user a chat is linked to. */
export function findByTelegramChat(db: Db, chatId: string): ApprovalSettings | undefined {
  return db.select().from(approvalSettings).where(eq(approvalSettings.telegramChatId, chatId)).get();
}
