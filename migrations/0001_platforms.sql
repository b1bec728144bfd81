CREATE TABLE `connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`platform` text NOT NULL,
	`account_id` text NOT NULL,
	`account_name` text DEFAULT '' NOT NULL,
	`avatar_url` text DEFAULT '' NOT NULL,
	`access_token_sealed` text NOT NULL,
	`refresh_token_sealed` text,
	`extra_sealed` text,
	`scopes` text DEFAULT '[]' NOT NULL,
	`expires_at` integer,
	`status` text DEFAULT 'ok' NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`blocked_until` integer,
	`refresh_failures` integer DEFAULT 0 NOT NULL,
	`posts_total` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_user_platform_account_unique` ON `connections` (`user_id`,`platform`,`account_id`);--> statement-breakpoint
CREATE INDEX `connections_expiry_idx` ON `connections` (`expires_at`);--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`state` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`platform` text NOT NULL,
	`code_verifier` text DEFAULT '' NOT NULL,
	`redirect_uri` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `publish_journal` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`connection_id` integer,
	`phase` text NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`attempt` integer DEFAULT 0 NOT NULL,
	`create_sent_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `publish_journal_conn_sent_idx` ON `publish_journal` (`connection_id`,`create_sent_at`);