CREATE TABLE `comment_replies` (
	`comment_id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`connection_id` integer,
	`text` text NOT NULL,
	`phase` text NOT NULL,
	`remote_reply_id` text,
	`problem` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `comment_sync` (
	`item_id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`published_at` integer NOT NULL,
	`next_due_at` integer,
	`last_read_at` integer,
	`problem` text,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comment_sync_due_idx` ON `comment_sync` (`next_due_at`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`webapp_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`platform` text NOT NULL,
	`remote_id` text NOT NULL,
	`parent_remote_id` text,
	`author_name` text NOT NULL,
	`author_id` text,
	`author_avatar_url` text,
	`text` text NOT NULL,
	`posted_at` integer NOT NULL,
	`like_count` integer,
	`edited` integer DEFAULT false NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`ours` integer DEFAULT false NOT NULL,
	`labels` text DEFAULT '[]' NOT NULL,
	`language` text DEFAULT 'und' NOT NULL,
	`state` text DEFAULT 'new' NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `content_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comments_platform_remote_idx` ON `comments` (`platform`,`remote_id`);--> statement-breakpoint
CREATE INDEX `comments_user_state_idx` ON `comments` (`user_id`,`state`,`deleted`,`ours`);--> statement-breakpoint
CREATE INDEX `comments_user_id_idx` ON `comments` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `comments_item_idx` ON `comments` (`item_id`,`posted_at`);--> statement-breakpoint
CREATE TABLE `inbox_settings` (
	`webapp_id` integer PRIMARY KEY NOT NULL,
	`auto_hide_spam` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`webapp_id`) REFERENCES `webapps`(`id`) ON UPDATE no action ON DELETE cascade
);
