CREATE TABLE `approval_settings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`digest_time` text DEFAULT '08:00' NOT NULL,
	`channels` text DEFAULT '["email","inapp"]' NOT NULL,
	`link_lifetime_hours` integer DEFAULT 36 NOT NULL,
	`unapproved` text DEFAULT 'expire' NOT NULL,
	`auto_approve_hours` integer DEFAULT 6 NOT NULL,
	`telegram_chat_id` text,
	`telegram_username` text,
	`telegram_code_hash` text,
	`telegram_code_expires_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `batch_announcements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`channel` text NOT NULL,
	`sent_at` integer NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batch_announcements_unique` ON `batch_announcements` (`batch_id`,`channel`);--> statement-breakpoint
CREATE INDEX `batch_announcements_user_idx` ON `batch_announcements` (`user_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`href` text DEFAULT '' NOT NULL,
	`read_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`);